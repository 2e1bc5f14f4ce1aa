import Foundation
import Models

/// What the events API found wrong with a paper attendance sheet, line by line, in the person's language.
///
/// The API names each line (`"line 3"`) or the whole sheet (`"body"`) with an English message; each kind of
/// message has a catalogue text here, so the sheet's form shows "Line 3: no registration has this code" in
/// Kyrgyz, Russian or English. A message of a kind not known here still shows its line, with a general text.
struct AttendanceSheetProblems: Sendable {
    /// The largest sheet the page sends: the API's bound (`AttendanceLimits.maxSheetBytes`), stated in its OpenAPI document.
    static let maxSheetBytes = 64 << 10
    /// The most lines shown: a sheet with more problems than this says so once at the end.
    static let maxShownLines = 50

    /// What kind of problem a line has, by the catalogue key of its text.
    enum Kind: String, CaseIterable, Sendable {
        case code
        case attendance
        case unknown
        case repeated
        case inactive
        case header
        case sheet
        case line
        case empty
        case size

        /// Its text's catalogue key.
        var textKey: String { "events_s21_sheet_error_\(rawValue)" }

        /// The kind of the API's message `message` about a line.
        init(apiMessage message: String) {
            self =
                if message.hasPrefix("code must be") {
                    .code
                } else if message.hasPrefix("attendance must be") {
                    .attendance
                } else if message.hasPrefix("no registration") {
                    .unknown
                } else if message.hasPrefix("repeats the code") {
                    .repeated
                } else if message.hasPrefix("the registration is") {
                    .inactive
                } else if message.hasPrefix("must name the columns") {
                    .header
                } else {
                    .line
                }
        }
    }

    /// One problem: its line (none for the whole sheet) and kind.
    struct Entry: Equatable, Sendable {
        var line: Int?
        var kind: Kind
    }

    /// The problems, the whole sheet's first, then by line.
    private(set) var entries: [Entry]

    /// Problems found by the page itself.
    init(_ kind: Kind) {
        entries = [Entry(line: nil, kind: kind)]
    }

    /// The problems of the API's `errors`.
    init(apiErrors errors: [String: String]) {
        entries = errors.map { field, message in
            guard field.hasPrefix("line "), let line = Int(field.dropFirst("line ".count)) else { return Entry(line: nil, kind: .sheet) }
            return Entry(line: line, kind: Kind(apiMessage: message))
        }
        .sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        if entries.isEmpty { entries = [Entry(line: nil, kind: .sheet)] }
    }

    /// The lines the form shows under the field, in `texts`' language, at most ``maxShownLines``.
    func messages(texts: [String: String]) -> [String] {
        var shown = entries.prefix(Self.maxShownLines).map { entry in
            let text = texts[entry.kind.textKey] ?? ""
            return entry.line.map { "\(texts["events_s21_sheet_line"] ?? "") \($0): \(text)" } ?? text
        }
        if entries.count > Self.maxShownLines { shown.append(texts["events_s21_sheet_error_more"] ?? "") }
        return shown
    }
}
