import Foundation
import Models

/// A submitted change form: the values as the person typed them (kept for the form shown again), the version
/// the page showed, and the API body, or the fields the page itself found wrong before sending anything.
struct StaffChangeForm: Sendable {
    /// The longest `If-Match` value carried back: the API's ETags are a quoted version number.
    static let maxVersionLength = 40

    let change: StaffChange
    /// Each field's value as sent, by form field name.
    let values: [String: String]
    /// The ETag of the appeal the form was shown with.
    let version: String?
    /// The referral a reply answers.
    let referral: UUID?

    init(_ change: StaffChange, fields: FormFields) {
        self.change = change
        var values: [String: String] = [:]
        for name in change.fieldNames { values[name] = fields[name] }
        self.values = values
        version = fields["version"].flatMap { value in
            value.utf8.count <= Self.maxVersionLength && value.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F } ? value : nil
        }
        referral = fields["referral"].flatMap(UUID.init(uuidString:))
    }

    /// The trimmed value of `name`, `nil` when blank.
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Field `name`'s `value` as the person chose it: a choice's or a checkbox's text rather than its code.
    func displayValue(_ name: String, _ value: String, texts: [String: String]) -> String {
        let prefix: String? =
            switch (change, name) {
            case (.transition, "to"): "staff_status_"
            case (.transition, "reason"): "staff_reason_"
            case (.verification, "outcome"): "staff_outcome_"
            case (.response, "channel"): "staff_response_channel_"
            default: nil
            }
        if let prefix { return texts[prefix + value] ?? value }
        if name == "isPublic" || name == "isSensitive" { return texts["staff_yes"] ?? value }
        return value
    }

    /// The body for the API, or the page's own field problems (form field → catalogue key).
    func body() -> Result<StaffChangeBody, StaffFieldProblems> {
        var problems = StaffFieldProblems(change: change)
        let body: StaffChangeBody
        switch change {
        case .verification:
            let sources = (values["sourcesChecked"] ?? "").split(whereSeparator: \.isNewline)
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if sources.isEmpty { problems.add("sourcesChecked") }
            let outcome = choice(StaffVerificationOutcome.self, "outcome", &problems)
            body = .verification(.init(sourcesChecked: sources, evidenceNotes: text("evidenceNotes") ?? "", outcome: outcome?.rawValue ?? ""))
        case .transition:
            let to = choice(StaffAppealStatus.self, "to", &problems)
            let reason = text("reason").map { _ in choice(StaffRejectionReason.self, "reason", &problems) } ?? nil
            var duplicateOf: UUID?
            if let written = text("duplicateOf") {
                duplicateOf = UUID(uuidString: written)
                if duplicateOf == nil { problems.add("duplicateOf") }
            }
            body = .transition(
                .init(to: to?.rawValue ?? "", note: text("note"), publicNote: text("publicNote"), reason: reason?.rawValue, duplicateOf: duplicateOf))
        case .assignment:
            body = .assignment(.init(verifier: text("verifier"), legalExpert: text("legalExpert")))
        case .referral:
            let organization = text("organizationId").map(UUID.init(uuidString:))
            if organization == .some(nil) { problems.add("organizationId") }
            // A body from the directory or one named by hand, not both and not neither.
            if (organization == nil) == (text("bodyName") == nil) { problems.add("organizationId") }
            var dueAt: String?
            if let day = text("dueAt") {
                dueAt = StaffDates.endOfDay(day)
                if dueAt == nil { problems.add("dueAt") }
            }
            body = .referral(.init(organizationId: organization ?? nil, bodyName: text("bodyName"), dueAt: dueAt))
        case .reply:
            if referral == nil { problems.add("reply") }
            requireText("reply", &problems)
            body = .reply(.init(reply: values["reply"] ?? ""))
        case .response:
            requireText("text", &problems)
            let channel = choice(StaffResponseChannel.self, "channel", &problems)
            body = .response(
                .init(text: values["text"] ?? "", channel: channel?.rawValue ?? "", reference: text("reference"), isPublic: values["isPublic"] != nil))
        case .extension:
            let days = text("days").flatMap { Int($0) }
            if days == nil { problems.add("days") }
            requireText("reason", &problems)
            body = .extension(.init(days: days ?? 0, reason: values["reason"] ?? ""))
        case .publication:
            let title = try? LocalizedText(ky: text("title.ky"), ru: text("title.ru"), en: text("title.en"))
            let summary = try? LocalizedText(ky: text("summary.ky"), ru: text("summary.ru"), en: text("summary.en"))
            // At least one language of each: the API cannot say which field when none is given.
            if title == nil { problems.add("title.ky") }
            if summary == nil { problems.add("summary.ky") }
            body = .publication(
                .init(title: title, summary: summary, isSensitive: values["isSensitive"] != nil, publicLocality: text("publicLocality")))
        case .withdrawal:
            body = .none
        }
        return problems.isEmpty ? .success(body) : .failure(problems)
    }

    /// Marks field `name` when it is blank: a required text is reported with the form's other problems, before the API
    /// is asked (it would say the same).
    private func requireText(_ name: String, _ problems: inout StaffFieldProblems) {
        if text(name) == nil { problems.add(name) }
    }

    /// The code chosen in field `name` if it is one of `vocabulary`'s; otherwise a problem for the field.
    private func choice<Vocabulary: ClosedVocabulary>(_ vocabulary: Vocabulary.Type, _ name: String, _ problems: inout StaffFieldProblems) -> Vocabulary? {
        guard let value = Vocabulary(rawValue: values[name] ?? "") else {
            problems.add(name)
            return nil
        }
        return value
    }
}
