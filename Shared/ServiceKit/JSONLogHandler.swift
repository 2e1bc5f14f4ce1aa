import Foundation
import Logging
import Models
import Synchronization

/// Writes each log record as one JSON line on standard output, for log collectors to parse.
///
/// Bootstrap it once in `main` (`LoggingSystem.bootstrap(JSONLogHandler.init)`), never inside an app
/// builder: tests build many apps in one process.
///
/// Services log a line per request, so the line is written by hand rather than through
/// `JSONSerialization`, whose key sorting and bridging cost about a fifth of a small request's CPU
/// (Benchmarks/README.md, "Profiles"). The output is the same JSON object, keys sorted.
public struct JSONLogHandler: LogHandler {
    private static let output = Mutex(FileHandle.standardOutput)

    /// The logger's label, written as `logger`.
    public let label: String
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info

    /// Creates a handler for a logger with this label.
    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        // Lowest precedence first: a later field replaces an earlier one with the same key.
        var fields = Array(metadata)
        if let provided = metadataProvider?.get() { fields += provided }
        if let own = event.metadata { fields += own }
        fields += [
            ("timestamp", .string(Self.timestamp())), ("level", .string(event.level.rawValue)),
            ("logger", .string(label)), ("message", .string(event.message.description)),
        ]
        var line = Self.json(fields)
        line.append(0x0A)
        Self.output.withLock { $0.write(Data(line)) }
    }

    /// The JSON object of `fields` (UTF-8, keys sorted, nested arrays and objects as JSON arrays and
    /// objects), where of fields with the same key the last one counts.
    ///
    /// Pairs rather than a dictionary: a request's line would otherwise pay for merging, hashing and
    /// growing one (Benchmarks/README.md, "Profiles").
    static func json(_ fields: [(key: String, value: Logger.Metadata.Value)]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(object: fields, into: &out)
        return out
    }

    private static func write(object fields: [(key: String, value: Logger.Metadata.Value)], into out: inout [UInt8]) {
        // Swift's sort is stable, so among equal keys the last stays last.
        let sorted = fields.sorted { $0.key < $1.key }
        out.append(UInt8(ascii: "{"))
        var first = true
        for (index, field) in sorted.enumerated() where index + 1 == sorted.count || sorted[index + 1].key != field.key {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            write(string: field.key, into: &out)
            out.append(UInt8(ascii: ":"))
            write(value: field.value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static func write(value: Logger.Metadata.Value, into out: inout [UInt8]) {
        switch value {
        case .string(let string):
            write(string: string, into: &out)
        case .stringConvertible(let convertible):
            write(string: convertible.description, into: &out)
        case .array(let array):
            out.append(UInt8(ascii: "["))
            for (index, element) in array.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                write(value: element, into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .dictionary(let dictionary):
            write(object: Array(dictionary), into: &out)
        }
    }

    /// Now in UTC, as RFC 3339 with milliseconds (`2026-11-29T14:20:32.123Z`).
    static func timestamp() -> String {
        RFC3339.string(from: Date(), milliseconds: true)
    }

    /// A JSON string (RFC 8259 §7): quote, backslash and control characters escaped, the rest as UTF-8.
    private static func write(string: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                out.append(contentsOf: CollectionOfOne(byte).lowercaseHex.utf8)
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
