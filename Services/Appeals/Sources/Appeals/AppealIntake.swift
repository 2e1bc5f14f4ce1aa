import Foundation
import Models
import Persistence
import ServiceKit

/// How an appeal comes in: validated, stored with its tracking code's hash and its first history entry. The
/// one path for the JSON API, partner systems and Open311.
struct AppealIntake: Sendable {
    let appeals: AppealRepository
    let history: HistoryRepository
    let thesaurus: ThesaurusRepository
    let settings: AppealsSettings
    /// The time now (receipt times, deadlines); injected so tests can move it.
    let now: @Sendable () -> Date

    /// What the appellant gets back.
    struct Receipt: Encodable {
        let id: UUID
        /// Shown only here: only its keyed hash is stored.
        let trackingCode: String
        let status: AppealStatus
        let responseDueAt: Date
    }

    /// Validates and stores a new appeal; `principal` is `nil` for the anonymous public.
    func submit(_ input: NewAppeal, by principal: Principal?) async throws -> Receipt {
        let region = try await input.validate(thesaurus: thesaurus)
        let now = now()
        let code = TrackingCodes.generate()
        let submitter = input.submitter.flatMap { $0 == Submitter() ? nil : $0 }
        let appeal = Appeal(
            id: .v7(at: now),
            // A partner system's submissions are partner-channel whatever it says, so statistics stay honest.
            channel: principal?.isAPIKey == true ? .partner : input.channel,
            regionCode: region, locality: input.locality?.nilIfBlank, categoryCode: input.categoryCode,
            language: input.language, description: input.description, submitter: submitter,
            // Validated, so each code is the vocabulary's.
            sex: submitter?.gender.flatMap(Sex.init(rawValue:)), ageBand: submitter?.ageGroup.flatMap(AgeBand.init(rawValue:)),
            vulnerableGroups: submitter?.vulnerableGroups ?? [],
            consentToContact: input.consent.contact, consentToPublication: input.consent.publication,
            status: .received, rejectionReason: nil, duplicateOf: nil, isSensitive: false, staffSummary: nil,
            verifierSubject: nil, legalExpertSubject: nil,
            submittedBySubject: principal?.subject ?? IdentityAssertion.anonymousSubject,
            submittedByOrganization: principal?.roles.contains(.csoPartner) == true ? principal?.organizationID : nil,
            receivedAt: now, responseDueAt: now.addingTimeInterval(TimeInterval(settings.responseDays) * Appeal.secondsPerDay),
            extensionReason: nil, verifiedAt: nil, answeredAt: nil, closedAt: nil, updatedAt: now, version: 1
        )
        let trackingHash = settings.trackingCodes.hash(TrackingCodes.normalize(code)!)
        try await appeals.insert(
            appeal, trackingHash: trackingHash,
            with: history.appendStatement(
                to: appeal.id, actor: appeal.submittedBySubject, action: .submitted, to: .received,
                note: "Appeal received.", isPublic: true, at: now
            ))
        return Receipt(id: appeal.id, trackingCode: code, status: appeal.status, responseDueAt: appeal.responseDueAt)
    }
}

extension String {
    /// `nil` for a text of white space only, which a field treats as absent.
    var nilIfBlank: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}
