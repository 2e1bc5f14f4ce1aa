import Foundation

/// CSV as RFC 4180 has it (UTF-8, CRLF line ends, quotes doubled inside quoted fields): the paper sheet
/// staff upload and the export they download.
enum CSVText {
    /// One line of fields, with the line number it starts on (1 is the header).
    struct Line {
        let number: Int
        let fields: [String]
    }

    /// Why a text is not CSV.
    struct Malformed: Error {
        let line: Int
        let reason: String
    }

    /// The lines of `text`; blank lines are skipped, a byte-order mark at the start ignored.
    static func lines(_ text: String) throws(Malformed) -> [Line] {
        var lines: [Line] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var afterQuote = false
        var number = 1
        var start = 1
        func endLine() {
            fields.append(field)
            if fields != [""] { lines.append(Line(number: start, fields: fields)) }
            fields = []
            field = ""
        }
        var characters = Substring(text)
        if characters.first == "\u{FEFF}" { characters = characters.dropFirst() }
        for character in characters {
            if quoted {
                if character == "\"" {
                    quoted = false
                    afterQuote = true
                } else {
                    if character.isNewline { number += 1 }
                    field.append(character)
                }
                continue
            }
            switch character {
            case "\"":
                // A doubled quote inside a quoted field, or the opening quote of one.
                guard afterQuote || field.isEmpty else { throw Malformed(line: number, reason: "a quote inside an unquoted field") }
                if afterQuote { field.append("\"") }
                quoted = true
                afterQuote = false
            case ",":
                fields.append(field)
                field = ""
                afterQuote = false
            case "\r\n", "\n", "\r":
                endLine()
                afterQuote = false
                number += 1
                start = number
            default:
                guard !afterQuote else { throw Malformed(line: number, reason: "text after a closing quote") }
                field.append(character)
            }
        }
        guard !quoted else { throw Malformed(line: start, reason: "a quoted field is not closed") }
        endLine()
        return lines
    }

    /// A field quoted when it holds a comma, a quote or a line break, quotes doubled; one a spreadsheet would
    /// run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'`, since names come from people.
    static func field(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@\t\r".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Rows as CSV text.
    static func text(_ rows: [[String]]) -> String {
        rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
