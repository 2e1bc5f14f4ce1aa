/// The sixteen digits, once: the extension below runs for every stored digest.
private let hexDigits = Array("0123456789abcdef".utf8)

extension Sequence<UInt8> {
    /// The bytes as lowercase hexadecimal, two digits each: how digests and keyed hashes are stored.
    ///
    /// Written out by hand: `String(format: "%02x")` per byte goes through Foundation's locale-aware
    /// formatting, which cost appeal submission several per cent of its CPU (Benchmarks/README.md).
    public var lowercaseHex: String {
        var out: [UInt8] = []
        out.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            out.append(hexDigits[Int(byte >> 4)])
            out.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
