import ServiceKit

/// Writes Open311's XML documents from the same values the JSON form encodes, so both formats always
/// carry the same fields: objects become elements per member, arrays repeat their item element.
///
/// A writer of our own rather than a package: the documents are small and flat, and all that matters is
/// that text is escaped and that characters XML 1.0 cannot carry at all are replaced, not passed through.
enum Open311XML {
    /// The element each array's items get, by the array's own element name (`services` holds `service`s).
    static let itemNames: [String: String] = [
        "services": "service", "service_requests": "request", "errors": "error", "attributes": "attribute",
        "values": "value", "endpoints": "endpoint", "formats": "format",
    ]

    /// A whole document with `root` as its document element.
    static func document(root: String, _ value: JSONValue) -> String {
        var output = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        write(value, named: root, into: &output)
        return output
    }

    private static func write(_ value: JSONValue, named name: String, into output: inout String) {
        switch value {
        case .null:
            output += "<\(name)/>"
        case .bool(let flag):
            output += "<\(name)>\(flag)</\(name)>"
        case .number(let number):
            // JSON numbers arrive as Double: 403 must stay `403`, not `403.0`.
            let text = number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
            output += "<\(name)>\(text)</\(name)>"
        case .string(let text):
            output += "<\(name)>\(escaped(text))</\(name)>"
        case .array(let items):
            output += "<\(name)>"
            for item in items { write(item, named: itemNames[name] ?? "item", into: &output) }
            output += "</\(name)>"
        case .object(let members):
            output += "<\(name)>"
            // Sorted, like the JSON encoder's keys, so a document is byte-for-byte stable.
            for key in members.keys.sorted() { write(members[key]!, named: key, into: &output) }
            output += "</\(name)>"
        }
    }

    /// `text` as XML character data: markup characters as entities, and every character XML 1.0 does not
    /// allow (control characters other than tab and line breaks, lone surrogates' stand-ins, U+FFFE/U+FFFF)
    /// as U+FFFD, since not even a character reference may carry them.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                result.unicodeScalars.append("\u{FFFD}")
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
