import Foundation
import Models
import ServiceKit

/// A paper attendance sheet as CSV: a header line naming the columns `code` and `attendance` (others, such
/// as the name written beside them, are ignored), then one line per registration: its code as typed and
/// `attended` or `no_show`. Every problem is reported with its line number; none is half applied.
struct AttendanceSheet {
    /// One line of the sheet.
    struct Row {
        let line: Int
        let code: String
        let attendance: Attendance

        /// Where its problems are reported.
        var field: String { "line \(line)" }
    }

    let rows: [Row]
    /// The lines that are not a code and an attendance, by line; the book adds those whose code it cannot
    /// find, so one answer names every line to fix.
    let errors: FieldErrors

    init(csv data: Data) throws {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ServiceError.validationFailed(["body": "must be CSV in UTF-8"])
        }
        let lines: [CSVText.Line]
        do {
            lines = try CSVText.lines(text)
        } catch {
            throw ServiceError.validationFailed(["line \(error.line)": error.reason])
        }
        guard let header = lines.first else { throw ServiceError.validationFailed(["body": "must hold a header line and at least one row"]) }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let codeColumn = columns.firstIndex(of: "code"), let attendanceColumn = columns.firstIndex(of: "attendance") else {
            throw ServiceError.validationFailed(["line 1": "must name the columns code and attendance"])
        }
        let body = lines.dropFirst()
        guard !body.isEmpty else { throw ServiceError.validationFailed(["body": "must hold at least one row after the header"]) }
        guard body.count <= AttendanceLimits.maxSheetRows else {
            throw ServiceError.validationFailed(["body": "must hold at most \(AttendanceLimits.maxSheetRows) rows"])
        }
        var errors = FieldErrors()
        var rows: [Row] = []
        for line in body {
            let field = "line \(line.number)"
            let cell = { (index: Int) in index < line.fields.count ? line.fields[index].trimmingCharacters(in: .whitespaces) : "" }
            let code = ReadableCode.normalize(cell(codeColumn), length: RegistrationLimits.codeLength)
            let attendance = Attendance(rawValue: cell(attendanceColumn).lowercased())
            guard let code else {
                errors.add(field, "code must be the \(RegistrationLimits.codeLength)-character code of a receipt, such as ABCD-EFGH")
                continue
            }
            guard let attendance else {
                errors.add(field, "attendance must be one of \(Attendance.acceptedCodes)")
                continue
            }
            rows.append(Row(line: line.number, code: code, attendance: attendance))
        }
        self.rows = rows
        self.errors = errors
    }
}
