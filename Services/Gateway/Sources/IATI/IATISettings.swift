import Configuration
import Foundation
import ServiceKit

/// The identifiers and dates of the programme's IATI activity (`GET /api/v1/iati/activities.xml`). The
/// defaults describe the programme; a publisher sets its own registered organisation identifier before
/// publishing the file to the IATI Registry.
struct IATISettings: Sendable {
    /// The reporting organisation's IATI identifier (`GATEWAY_IATI_REPORTING_ORG_REF`).
    var reportingOrgRef: String
    /// Its IATI organisation type code (`GATEWAY_IATI_REPORTING_ORG_TYPE`; 21: international NGO).
    var reportingOrgType: String
    /// Its name (`GATEWAY_IATI_REPORTING_ORG_NAME`).
    var reportingOrgName: String
    /// The activity's identifier, which starts with the reporting organisation's (`GATEWAY_IATI_ACTIVITY_ID`).
    var activityID: String
    /// The planned start, `YYYY-MM-DD` (`GATEWAY_IATI_START_DATE`).
    var startDate: String
    /// The planned end, `YYYY-MM-DD` (`GATEWAY_IATI_END_DATE`).
    var endDate: String

    static let defaultReportingOrgRef = "XM-OPENMEDIA-KG"
    static let datePattern = #"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"#
    /// An IATI identifier: letters, digits and `-`, `_`, `.`, no spaces or slashes (IATI rules).
    static let identifierPattern = #"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$"#

    init(reader: ConfigReader) throws {
        let settings = SettingsReader(reader: reader)
        reportingOrgRef = try settings.string("gateway.iati.reporting.org.ref") ?? Self.defaultReportingOrgRef
        reportingOrgType = try settings.string("gateway.iati.reporting.org.type") ?? "21"
        reportingOrgName = try settings.string("gateway.iati.reporting.org.name") ?? "Open Communities – Open Media"
        activityID = try settings.string("gateway.iati.activity.id") ?? reportingOrgRef + "-OCOM"
        startDate = try settings.string("gateway.iati.start.date") ?? "2025-01-01"
        endDate = try settings.string("gateway.iati.end.date") ?? "2028-12-31"
        let checks: [(key: String, value: String, pattern: String)] = [
            ("gateway.iati.reporting.org.ref", reportingOrgRef, Self.identifierPattern),
            ("gateway.iati.reporting.org.type", reportingOrgType, "^[0-9]{2}$"),
            ("gateway.iati.reporting.org.name", reportingOrgName, #"^\S.{0,199}$"#),
            ("gateway.iati.activity.id", activityID, Self.identifierPattern),
            ("gateway.iati.start.date", startDate, Self.datePattern),
            ("gateway.iati.end.date", endDate, Self.datePattern),
        ]
        for check in checks where check.value.range(of: check.pattern, options: .regularExpression) == nil {
            throw ConfigurationError(setting: SettingsReader.environmentName(check.key), problem: "must match \(check.pattern)")
        }
    }
}
