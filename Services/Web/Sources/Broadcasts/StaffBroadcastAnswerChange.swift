import Foundation

/// A change an answer's page offers: its details, or a move of its legal review.
enum StaffBroadcastAnswerChange: String, CaseIterable, Sendable {
    /// The details, while a draft or sent back (`PATCH` with `If-Match`).
    case edit
    /// `draft → legal_review → approved | needs_correction`, `needs_correction → legal_review`.
    case review

    /// The review's field messages: this prefix and the field's name.
    static let errorKeyPrefix = "broadcasts_staff_error_review_"
    /// The API's bound on a review note, in bytes.
    static let maxNoteBytes = 4000

    /// The review moves the person may make from `status`: producers send to review, reviewers decide.
    static func reviewMoves(
        from status: StaffBroadcastsWire.ReviewStatus, isProducer: Bool, isReviewer: Bool
    ) -> [StaffBroadcastsWire.ReviewStatus] {
        switch status {
        case .draft, .needsCorrection: isProducer ? [.legalReview] : []
        case .legalReview: isReviewer ? [.approved, .needsCorrection] : []
        case .approved: []
        }
    }
}

/// A move of an answer's legal review, with the note a correction needs.
struct ReviewMoveBody: Encodable, Sendable {
    var to: String
    var note: String?
}
