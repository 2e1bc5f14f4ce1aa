import Foundation
import Models
import ServiceKit

/// Who may read, write and review the answer log. Producers (coordinators) write it, legal experts review
/// it, admins do both; the public reads approved answers of the episodes it sees.
enum AnswerAccess {
    /// Who writes answers and sends them to review: the episode's staff.
    static let writers = BroadcastAccess.staff
    /// Who approves a summary or sends it back.
    static let reviewers: Set<Role> = [.admin, .legalExpert]
    /// Who reads every answer whatever its review, with its history.
    static let readers = writers.union(reviewers)

    /// Whether `identity` reads answers still under review.
    static func seesUnapproved(_ identity: Identity) -> Bool {
        guard case .principal(let principal) = identity else { return false }
        return !principal.roles.isDisjoint(with: readers)
    }

    /// Whether `principal` may make the move to `status`: a review decision is the reviewers', the other
    /// steps the writers'.
    static func mayMove(_ principal: Principal, to status: ReviewStatus) -> Bool {
        !principal.roles.isDisjoint(with: status.isReviewDecision ? reviewers : writers)
    }
}
