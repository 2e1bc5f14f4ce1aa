import Foundation

/// Writes CSV as RFC 4180 has it (UTF-8, CRLF line ends, quotes doubled inside quoted fields).
enum CSVText {
    /// A field quoted when it holds a comma, a quote or a line break, quotes doubled; one a spreadsheet would
    /// run as a formula (`=`, `+`, `-`, `@`) is prefixed with `'`, since the texts come from people.
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
