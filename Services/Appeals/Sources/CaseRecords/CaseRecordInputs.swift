import Foundation
import Models
import Persistence
import ServiceKit

// The bodies that add to an appeal's case file, each validating itself before the workflow runs.

/// `POST /api/v1/appeals/{id}/verification`: a fact-check.
struct NewVerification: Decodable {
    let sourcesChecked: [String]
    let evidenceNotes: String
    /// Read as text and checked here, so a wrong outcome is reported with the other fields' problems.
    let outcome: String

    /// The most sources one fact-check lists.
    static let maxSources = 50

    func validate() throws {
        var errors = FieldErrors()
        errors.require(
            (1...Self.maxSources).contains(sourcesChecked.count) && sourcesChecked.allSatisfy { AppealTextLimits.source.problem(with: $0) == nil },
            field: "sourcesChecked",
            "must list 1 to \(Self.maxSources) sources, each not blank and at most \(AppealTextLimits.source.maxBytes) bytes in UTF-8"
        )
        // Evidence notes may be empty; only their size is bounded.
        if !evidenceNotes.isEmpty { errors.check(evidenceNotes, AppealTextLimits.caseText, field: "evidenceNotes") }
        errors.checkOneOf(outcome, VerificationOutcome.self, field: "outcome")
        try errors.throwIfAny()
    }
}

/// `POST /api/v1/appeals/{id}/referrals`: a body in the directory, or one named here, not both.
struct NewReferral: Decodable {
    let organizationId: UUID?
    let bodyName: String?
    let sentAt: Date?
    let dueAt: Date?

    func validate() throws {
        var errors = FieldErrors()
        errors.require((organizationId != nil) != (bodyName?.nilIfBlank != nil), field: "organizationId", "give either organizationId or bodyName")
        errors.check(bodyName, AppealTextLimits.bodyName, field: "bodyName")
        try errors.throwIfAny()
    }

    /// Who the appeal goes to, for its history.
    var recipient: String { bodyName ?? organizationId?.text ?? "" }
}

/// `POST /api/v1/appeals/{id}/referrals/{referralId}/reply`: the duty-bearer's reply.
struct ReferralReply: Decodable {
    let reply: String

    func validate() throws {
        var errors = FieldErrors()
        errors.check(reply, AppealTextLimits.caseText, field: "reply")
        try errors.throwIfAny()
    }
}

/// `POST /api/v1/appeals/{id}/responses`: an answer to the appellant.
struct NewResponse: Decodable {
    let text: String
    let channel: ResponseChannel
    let reference: String?
    let isPublic: Bool?

    func validate() throws {
        var errors = FieldErrors()
        errors.check(text, AppealTextLimits.caseText, field: "text")
        errors.check(reference, AppealTextLimits.reference, field: "reference")
        try errors.throwIfAny()
    }
}
