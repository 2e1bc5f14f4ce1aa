import Foundation
import Models
import ServiceKit

// The bodies that make and move recommendations, each validating itself before the workflow runs.

/// `POST /api/v1/events/{id}/recommendations`: a recommendation made at the event, `proposed`.
struct NewRecommendation: Decodable {
    let text: LocalizedText
    let dutyBearerId: UUID
    /// `YYYY-MM-DD`.
    let dueOn: String

    func validate() throws {
        var errors = FieldErrors()
        errors.check(languagesOf: text, RecommendationLimits.text, field: "text")
        errors.require(BishkekTime.isDay(dueOn), field: "dueOn", "must be a day, YYYY-MM-DD, from 2000 to 2100")
        try errors.throwIfAny()
    }
}

/// `POST /api/v1/events/recommendations/{id}/transitions`: a move with the evidence for it; `progress`
/// optional (implemented is always 100).
struct RecommendationTransition: Decodable {
    let to: RecommendationStatus
    let progress: Int?
    let evidence: Evidence
    let note: String?

    func validate() throws {
        var errors = FieldErrors()
        errors.checkRange(progress, in: RecommendationLimits.progress, field: "progress")
        evidence.check(into: &errors, field: "evidence")
        errors.check(note, RecommendationLimits.note, field: "note")
        try errors.throwIfAny()
    }
}

/// `POST /api/v1/events/recommendations/{id}/progress`: how far the work is, with the evidence for it.
struct RecommendationProgress: Decodable {
    let progress: Int
    let evidence: Evidence
    let note: String?

    func validate() throws {
        var errors = FieldErrors()
        errors.checkRange(progress, in: RecommendationLimits.progress, field: "progress")
        evidence.check(into: &errors, field: "evidence")
        errors.check(note, RecommendationLimits.note, field: "note")
        try errors.throwIfAny()
    }
}
