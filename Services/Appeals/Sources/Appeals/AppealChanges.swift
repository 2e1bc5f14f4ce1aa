import Foundation
import Models
import ServiceKit

// The bodies of the staff changes to an appeal, each validating itself before the workflow runs.

/// `POST /api/v1/appeals/{id}/transitions`.
struct AppealTransition: Decodable {
    let to: AppealStatus
    let note: String?
    let publicNote: String?
    let reason: RejectionReason?
    let duplicateOf: UUID?

    func validate() throws {
        var errors = FieldErrors()
        errors.check(note, AppealTextLimits.note, field: "note")
        errors.check(publicNote, AppealTextLimits.note, field: "publicNote")
        try errors.throwIfAny()
    }
}

/// `PUT /api/v1/appeals/{id}/assignment`: staff user IDs; blank or absent unassigns.
struct AppealAssignment: Decodable {
    let verifier: String?
    let legalExpert: String?

    func validate() throws {
        var errors = FieldErrors()
        for (field, value) in [("verifier", verifier), ("legalExpert", legalExpert)] {
            errors.require(value.map { AppealTextLimits.subject.problem(with: $0) == nil } ?? true, field: field, "must be a user ID")
        }
        try errors.throwIfAny()
    }
}

/// `POST /api/v1/appeals/{id}/extension`.
struct DeadlineExtension: Decodable {
    let days: Int
    let reason: String

    /// `maxDays` is the deployment's (``AppealsSettings/maxExtensionDays``).
    func validate(maxDays: Int) throws {
        var errors = FieldErrors()
        errors.require((1...maxDays).contains(days), field: "days", "must be 1 to \(maxDays)")
        errors.check(reason, AppealTextLimits.extensionReason, field: "reason")
        try errors.throwIfAny()
    }
}

/// `PATCH /api/v1/appeals/{id}`: the staff fields.
struct AppealAnnotation: Decodable {
    let staffSummary: String?
    let isSensitive: Bool?
    let categoryCode: String?

    func validate(thesaurus: ThesaurusRepository) async throws {
        var errors = FieldErrors()
        errors.check(staffSummary, AppealTextLimits.note, field: "staffSummary")
        if let categoryCode, try await !thesaurus.isActiveCategory(categoryCode) {
            errors.add("categoryCode", ThesaurusRepository.categoryRule)
        }
        try errors.throwIfAny()
    }
}
