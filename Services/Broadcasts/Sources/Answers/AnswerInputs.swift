import Foundation
import Models
import ServiceKit

// The bodies that write an answer and move its review, each validating itself before the workflow runs.

/// `POST /api/v1/broadcasts/episodes/{id}/answers`: the answer to one question answered on air in the episode.
struct NewAnswer: Decodable {
    let questionId: UUID
    let startSecond: Int
    let endSecond: Int
    let guestId: UUID
    let summary: LocalizedText
    let legalReferences: [LegalReference]?
    let adviceType: AdviceType
    let followUpOwner: String?
    let followUpDueOn: String?

    /// The details it describes, validated.
    func details() throws -> AnswerDetails {
        let details = AnswerDetails(
            startSecond: startSecond, endSecond: endSecond, guestId: guestId, summary: summary, legalReferences: legalReferences ?? [],
            adviceType: adviceType, followUpOwner: followUpOwner?.nilIfBlank, followUpDueOn: followUpDueOn?.nilIfBlank)
        try details.validate()
        return details
    }
}

/// `PATCH /api/v1/broadcasts/answers/{answerId}`: the fields given replace the stored ones; absent or `null`
/// ones stay; an empty `followUpOwner` removes the follow-up.
struct AnswerPatch: Decodable {
    let startSecond: Int?
    let endSecond: Int?
    let guestId: UUID?
    let summary: LocalizedText?
    let legalReferences: [LegalReference]?
    let adviceType: AdviceType?
    let followUpOwner: String?
    let followUpDueOn: String?

    /// `details` with this patch applied, validated, and the names of the fields it changed.
    func applied(to details: AnswerDetails) throws -> (AnswerDetails, changed: [String]) {
        var patched = details
        var changed: [String] = []
        func set<Value: Equatable>(_ keyPath: WritableKeyPath<AnswerDetails, Value>, _ value: Value?, _ name: String) {
            guard let value, patched[keyPath: keyPath] != value else { return }
            patched[keyPath: keyPath] = value
            changed.append(name)
        }
        set(\.startSecond, startSecond, "startSecond")
        set(\.endSecond, endSecond, "endSecond")
        set(\.guestId, guestId, "guestId")
        set(\.summary, summary, "summary")
        set(\.legalReferences, legalReferences, "legalReferences")
        set(\.adviceType, adviceType, "adviceType")
        if let owner = followUpOwner, patched.followUpOwner != owner.nilIfBlank {
            patched.followUpOwner = owner.nilIfBlank
            changed.append("followUpOwner")
            // No owner, no one to be due: the day goes with them.
            if owner.nilIfBlank == nil { patched.followUpDueOn = nil }
        }
        if let due = followUpDueOn, patched.followUpDueOn != due.nilIfBlank {
            patched.followUpDueOn = due.nilIfBlank
            changed.append("followUpDueOn")
        }
        try patched.validate()
        return (patched, changed)
    }
}

/// `POST /api/v1/broadcasts/answers/{answerId}/transitions`: sending back (`needs_correction`) needs a `note`
/// saying what to correct.
struct AnswerTransition: Decodable {
    let to: ReviewStatus
    let note: String?

    func validate() throws {
        var errors = FieldErrors()
        errors.check(note, AnswerLimits.note, field: "note")
        if to == .needsCorrection { errors.require(note?.nilIfBlank != nil, field: "note", "is required when sending back: what to correct") }
        try errors.throwIfAny()
    }
}
