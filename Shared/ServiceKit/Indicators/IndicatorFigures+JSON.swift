import HTTPTypes
import Hummingbird
import Models
import NIOCore

extension IndicatorFigures {
    /// The body as `JSONEncoder.api` writes it (sorted keys, no spaces), written directly: a year of a
    /// service's figures is tens of thousands of them, and Foundation's encoder spends most of a dashboard
    /// call boxing each one. A test holds the two byte for byte.
    public func encodedJSON() -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: 64 + items.count * 128)
        buffer.writeStaticString(#"{"items":["#)
        for (index, figure) in items.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            buffer.writeStaticString(#"{"dimensions":{"#)
            var isFirst = true
            // In sorted order, as `.sortedKeys` writes them.
            buffer.writeJSONField("ageBand", figure.dimensions.ageBand, isFirst: &isFirst)
            buffer.writeJSONField("category", figure.dimensions.category, isFirst: &isFirst)
            buffer.writeJSONField("channel", figure.dimensions.channel, isFirst: &isFirst)
            buffer.writeJSONField("sex", figure.dimensions.sex, isFirst: &isFirst)
            buffer.writeJSONField("stakeholderType", figure.dimensions.stakeholderType, isFirst: &isFirst)
            buffer.writeJSONField("vulnerableGroup", figure.dimensions.vulnerableGroup, isFirst: &isFirst)
            buffer.writeStaticString(#"},"indicator":"#)
            buffer.writeJSONString(figure.indicator)
            buffer.writeStaticString(#","period":"#)
            buffer.writeJSONString(figure.period)
            buffer.writeStaticString(#","regionCode":"#)
            buffer.writeJSONString(figure.regionCode)
            buffer.writeStaticString(#","value":"#)
            buffer.writeJSONNumber(figure.value)
            buffer.writeStaticString("}")
        }
        buffer.writeStaticString("]}")
        return buffer
    }
}

extension Response {
    /// `GET /internal/indicators`' answer, already encoded (``IndicatorFigures/encodedJSON()``).
    public static func json(indicatorFigures body: ByteBuffer) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
    }
}

extension ByteBuffer {
    /// `"key":"value"`, after a comma unless it is the object's first field; nothing for `nil`.
    fileprivate mutating func writeJSONField(_ key: StaticString, _ value: String?, isFirst: inout Bool) {
        guard let value else { return }
        if !isFirst { writeStaticString(",") }
        isFirst = false
        writeStaticString("\"")
        writeStaticString(key)
        writeStaticString("\":")
        writeJSONString(value)
    }

    /// A JSON string: quotes, backslashes and control characters escaped as Foundation escapes them.
    fileprivate mutating func writeJSONString(_ string: String) {
        writeStaticString("\"")
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): writeStaticString(#"\""#)
            case UInt8(ascii: "\\"): writeStaticString(#"\\"#)
            case UInt8(ascii: "\n"): writeStaticString(#"\n"#)
            case UInt8(ascii: "\r"): writeStaticString(#"\r"#)
            case UInt8(ascii: "\t"): writeStaticString(#"\t"#)
            case 0x08: writeStaticString(#"\b"#)
            case 0x0C: writeStaticString(#"\f"#)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                writeStaticString(#"\u00"#)
                writeInteger(hex[Int(byte >> 4)])
                writeInteger(hex[Int(byte & 0xF)])
            default: writeInteger(byte)
            }
        }
        writeStaticString("\"")
    }

    /// A number as Foundation writes a `Double`: whole numbers without a fraction.
    fileprivate mutating func writeJSONNumber(_ value: Double) {
        if value.rounded() == value, abs(value) < 1e15 {
            writeString(String(Int64(value)))
        } else {
            writeString(value.description)
        }
    }
}
