import Foundation
import Models

/// The export of an event's registrations and attendance (RFC 4180, UTF-8, CRLF): one row per registration
/// in arrival order. The person's name, contact and disaggregation fields only when the caller may see them.
enum RegistrationsCSV {
    static let header = ["sequence", "kind", "status", "attendance", "checked_in_at", "check_in_method", "registered_at"]
    static let personalHeader = ["name", "phone", "email", "sex", "age_band", "vulnerable_groups", "stakeholder_type", "show_attendance"]

    static func text(_ registrations: [Registration], withPersonalData: Bool) -> String {
        var rows = [header + (withPersonalData ? personalHeader : [])]
        for registration in registrations {
            var row = [
                String(registration.sequence), registration.kind.rawValue, registration.status.rawValue, registration.attendance?.rawValue ?? "",
                registration.checkedInAt.map { RFC3339.string(from: $0) } ?? "", registration.checkInMethod?.rawValue ?? "",
                RFC3339.string(from: registration.createdAt),
            ]
            if withPersonalData {
                let person = registration.participant
                row += [
                    person.name ?? "", person.phone ?? "", person.email ?? "", person.sex?.rawValue ?? "", person.ageBand?.rawValue ?? "",
                    (person.vulnerableGroups ?? []).map(\.rawValue).joined(separator: ";"), person.stakeholderType?.rawValue ?? "",
                    registration.showAttendance ? "true" : "false",
                ]
            }
            rows.append(row)
        }
        return CSVText.text(rows)
    }
}
