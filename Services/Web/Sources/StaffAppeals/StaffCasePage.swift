import Foundation
import Models

/// The values of the case page's template: the appeal as far as the API showed it, its case file, and the
/// change forms the person may use, one of them possibly sent back with its input and messages.
struct StaffCasePage {
    let appeal: StaffAppeal
    let version: String
    let file: StaffCaseFile
    let categories: [String: LocalizedText]
    let permissions: StaffPermissions
    let language: Language
    let texts: [String: String]
    /// The directory's names for the people and organisations the appeal's records name (``StaffDirectory``).
    let names: [String: String]
    /// Whom the assignment and referral forms offer.
    let choices: Choices

    /// The people and bodies the forms offer, from the directory.
    struct Choices: Sendable {
        var verifiers: [StaffDirectory.Entry] = []
        var legalExperts: [StaffDirectory.Entry] = []
        var dutyBearers: [StaffDirectory.Entry] = []
    }

    /// Who recorded something, or which body a referral went to, as the page names them.
    static func subjects(of appeal: StaffAppeal, _ file: StaffCaseFile) -> (people: Set<String>, organizations: Set<UUID>) {
        var people = Set(file.entries.map(\.actor) + file.verifications.map(\.recordedBy) + file.responses.map(\.author))
        people.formUnion([appeal.verifier, appeal.legalExpert].compactMap { $0 })
        return (people, Set(file.referrals.compactMap(\.organizationId)))
    }

    /// The template's values; `returned` is a form sent back with `problems`.
    func values(returned: StaffChangeForm? = nil, problems: StaffFieldProblems? = nil) -> [String: Any] {
        var values: [String: Any] = [
            "appeal": appealValues,
            "history": file.entries.map(entryValues),
            "verifications": file.verifications.map(verificationValues),
            "referrals": file.referrals.map(referralValues),
            "responses": file.responses.map(responseValues),
            "isPublished": file.isPublished,
            "version": version,
            "hasVerifications": !file.verifications.isEmpty,
            "hasReferrals": !file.referrals.isEmpty,
            "hasResponses": !file.responses.isEmpty,
        ]
        var canChange = false
        for change in StaffChange.allCases where permissions.offers(change, appeal: appeal, file: file) {
            let form = returned?.change == change ? returned : nil
            values[change.rawValue] = formValues(change, form: form, problems: form == nil ? nil : problems)
            canChange = true
        }
        values["canChange"] = canChange
        return values
    }

    var title: String {
        "\(texts["staff_case_title"] ?? "") \(Self.shortID(appeal.id))"
    }

    /// The first block of an appeal's ID: enough to tell appeals apart on a page and to read aloud.
    static func shortID(_ id: UUID) -> String {
        String(id.uuidString.lowercased().prefix(8))
    }

    private func name(_ subject: String) -> String {
        names[subject] ?? subject
    }

    private func body(of referral: StaffCaseFile.Referral) -> String {
        referral.bodyName ?? referral.organizationId.map { names[$0.uuidString.lowercased()] ?? $0.uuidString.lowercased() } ?? ""
    }

    private func label(_ prefix: String, _ code: String?) -> String? {
        code.map { texts["staff_\(prefix)_\($0)"] ?? $0 }
    }

    private func when(_ date: Date?) -> String? {
        date.map { StaffDates.dateTime($0, language) }
    }

    private var appealValues: [String: Any] {
        var values: [String: Any] = [
            "id": appeal.id.uuidString.lowercased(), "shortID": Self.shortID(appeal.id),
            "status": label("status", appeal.status.rawValue) ?? "", "region": appeal.regionCode.name.text(preferring: [language]),
            "due": when(appeal.responseDueAt) ?? "", "isOverdue": appeal.isOverdue,
        ]
        values["category"] = appeal.categoryCode.map { categories[$0]?.text(preferring: [language]) ?? $0 }
        values["channel"] = label("channel", appeal.channel)
        values["received"] = when(appeal.receivedAt)
        values["verified"] = when(appeal.verifiedAt)
        values["answered"] = when(appeal.answeredAt)
        values["closed"] = when(appeal.closedAt)
        values["locality"] = appeal.locality
        values["description"] = appeal.description
        values["submitterName"] = appeal.submitter?.name
        values["submitterPhone"] = appeal.submitter?.phone
        values["submitterEmail"] = appeal.submitter?.email
        values["hasSubmitter"] = appeal.submitter.map { $0.name != nil || $0.phone != nil || $0.email != nil } ?? false
        if let consent = appeal.consent {
            values["consentContact"] = texts[consent.contact ? "staff_yes" : "staff_no"]
            values["consentPublication"] = texts[consent.publication ? "staff_yes" : "staff_no"]
        }
        values["isSensitive"] = appeal.isSensitive == true
        values["staffSummary"] = appeal.staffSummary
        values["verifier"] = appeal.verifier.map(name)
        values["legalExpert"] = appeal.legalExpert.map(name)
        values["extensionReason"] = appeal.extensionReason
        values["rejectionReason"] = label("reason", appeal.rejectionReason)
        values["publicTitle"] = appeal.publicTitle?.text(preferring: [language])
        values["publicSummary"] = appeal.publicSummary?.text(preferring: [language])
        return values
    }

    private func entryValues(_ entry: StaffCaseFile.Entry) -> [String: Any] {
        var values: [String: Any] = [
            "when": when(entry.occurredAt) ?? "", "action": label("action", entry.action) ?? "", "actor": name(entry.actor), "isPublic": entry.isPublic,
        ]
        values["from"] = label("status", entry.from?.rawValue)
        values["to"] = label("status", entry.to?.rawValue)
        // The service's own notes (the receipt's) in the person's language, as the tracking page shows them.
        values["note"] = entry.note.map { note in PublicAppealsController.systemNoteKeys[note].flatMap { texts[$0] } ?? note }
        return values
    }

    private func verificationValues(_ verification: StaffCaseFile.Verification) -> [String: Any] {
        [
            "when": when(verification.recordedAt) ?? "", "by": name(verification.recordedBy), "outcome": label("outcome", verification.outcome) ?? "",
            "sources": verification.sourcesChecked, "evidenceNotes": verification.evidenceNotes,
        ]
    }

    private func referralValues(_ referral: StaffCaseFile.Referral) -> [String: Any] {
        var values: [String: Any] = [
            "id": referral.id.uuidString.lowercased(), "to": body(of: referral),
            "sent": when(referral.sentAt) ?? "",
        ]
        values["due"] = referral.dueAt.map { StaffDates.day($0, language) }
        values["reply"] = referral.reply
        values["replied"] = when(referral.repliedAt)
        values["awaitsReply"] = referral.reply == nil
        return values
    }

    private func responseValues(_ response: StaffCaseFile.Response) -> [String: Any] {
        var values: [String: Any] = [
            "when": when(response.createdAt) ?? "", "text": response.text, "channel": label("response_channel", response.channel) ?? "",
            "author": name(response.author), "isPublic": response.isPublic,
        ]
        values["reference"] = response.reference
        return values
    }

    /// A form's values: what was typed (or the appeal's current values for a fresh form), its messages, its choices.
    private func formValues(_ change: StaffChange, form: StaffChangeForm?, problems: StaffFieldProblems?) -> [String: Any] {
        var typed: [String: Any] = [:]
        for (name, value) in form?.values ?? defaults(change) { typed[Self.viewKey(name)] = value }
        var errors: [String: String] = [:]
        for (name, key) in problems?.fields ?? [:] { errors[Self.viewKey(name)] = texts[key] ?? key }
        var values: [String: Any] = ["values": typed, "errors": errors, "isOpen": problems?.isEmpty == false]
        values["problem"] = problems?.form.map { texts[$0] ?? $0 }
        let chosen = { (name: String) in form?.values[name] ?? defaults(change)[name] ?? "" }
        switch change {
        case .verification: values["outcomes"] = options(StaffVerificationOutcome.allCases.map(\.rawValue), "outcome", chosen("outcome"))
        case .transition:
            values["targets"] = options(permissions.transitions(from: appeal.status).map(\.rawValue), "status", chosen("to"))
            values["reasons"] = options(StaffRejectionReason.allCases.map(\.rawValue), "reason", chosen("reason"))
        case .response: values["channels"] = options(StaffResponseChannel.allCases.map(\.rawValue), "response_channel", chosen("channel"))
        case .assignment:
            values["verifiers"] = people(choices.verifiers, chosen("verifier"))
            values["legalExperts"] = people(choices.legalExperts, chosen("legalExpert"))
        case .referral: values["dutyBearers"] = people(choices.dutyBearers, chosen("organizationId"))
        case .reply:
            values["referrals"] = file.referrals.filter { $0.reply == nil }.map { referral -> [String: Any] in
                let id = referral.id.uuidString.lowercased()
                let to = body(of: referral)
                return ["value": id, "label": "\(to) (\(StaffDates.day(referral.sentAt, language)))", "isSelected": id == chosen("referral")]
            }
        default: break
        }
        values["isPublicChecked"] = form.map { $0.values["isPublic"] != nil } ?? true
        values["isSensitiveChecked"] = form.map { $0.values["isSensitive"] != nil } ?? (appeal.isSensitive == true)
        return values
    }

    /// What a fresh form shows: the appeal's current values where the change edits them.
    private func defaults(_ change: StaffChange) -> [String: String] {
        switch change {
        case .assignment: ["verifier": appeal.verifier ?? "", "legalExpert": appeal.legalExpert ?? ""]
        case .publication:
            // The copy published now, to edit rather than to write again.
            Dictionary(
                uniqueKeysWithValues: Language.allCases.flatMap { language in
                    [
                        ("title.\(language.rawValue)", appeal.publicTitle?[language] ?? ""),
                        ("summary.\(language.rawValue)", appeal.publicSummary?[language] ?? ""),
                    ]
                })
        default: [:]
        }
    }

    /// A select's options for `entries`, `selected` chosen; one chosen before that the directory no longer offers
    /// (disabled since) stays, so the form does not drop it unasked.
    private func people(_ entries: [StaffDirectory.Entry], _ selected: String) -> [[String: Any]] {
        var options = entries.map { entry -> [String: Any] in
            let id = entry.id.uuidString.lowercased()
            return ["value": id, "label": entry.name, "isSelected": id == selected.lowercased()]
        }
        if !selected.isEmpty, !entries.contains(where: { $0.id.uuidString.lowercased() == selected.lowercased() }) {
            options.insert(["value": selected, "label": name(selected), "isSelected": true], at: 0)
        }
        return options
    }

    private func options(_ codes: [String], _ prefix: String, _ selected: String) -> [[String: Any]] {
        codes.map { ["value": $0, "label": texts["staff_\(prefix)_\($0)"] ?? $0, "isSelected": $0 == selected] }
    }

    /// A form field's name as the template reads it (Mustache reads dots as nesting).
    static func viewKey(_ name: String) -> String {
        name.replacingOccurrences(of: ".", with: "_")
    }
}
