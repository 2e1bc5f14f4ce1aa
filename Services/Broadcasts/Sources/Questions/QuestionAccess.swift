import Foundation
import Models
import ServiceKit

/// Who sees what of a question. Staff (producers and moderators are coordinators) see every question and
/// its original text; only coordinators see how to reach the asker; the public sees the public text of
/// what the episode's moderation lets through.
enum QuestionAudience: Sendable {
    /// Coordinators: everything, the asker's contact included.
    case coordinator
    /// Admins: everything but the asker.
    case staff
    /// The author, by the receipt code: their own question as sent.
    case author
    /// Everyone else.
    case `public`

    init(_ identity: Identity) {
        if identity.roles.contains(.coordinator) {
            self = .coordinator
        } else if identity.hasAnyRole(BroadcastAccess.staff) {
            self = .staff
        } else {
            self = .public
        }
    }

    var isStaff: Bool { self == .coordinator || self == .staff }

    /// Whether this audience sees `question` of an episode moderated `mode`.
    func sees(_ question: Question, in mode: ModerationMode) -> Bool {
        sees(state: question.state, in: mode)
    }

    /// Whether this audience sees questions in `state` on an episode moderated `mode`.
    func sees(state: QuestionState, in mode: ModerationMode) -> Bool {
        self != .public || state.isPublic(in: mode)
    }
}
