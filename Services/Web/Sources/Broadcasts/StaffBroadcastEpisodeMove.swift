import Foundation
import Models

/// A move the episode's staff page offers, each a form posting to `/staff/broadcasts/episodes/{id}/moves/<move>`
/// and a broadcasts API call carrying the episode's ETag as `If-Match`.
enum StaffBroadcastEpisodeMove: String, CaseIterable, Sendable {
    /// The next step of the main line: announce, open intake, go live, end (`POST …/transitions`).
    case transition
    /// Publishing the replay: its link saved (`PATCH`), then `published`.
    case publication
    /// Calling the episode off, with a reason.
    case cancellation
    /// Moving it to a new start in Bishkek time.
    case reschedule

    /// The form's fields, as named on the page.
    var fieldNames: [String] {
        switch self {
        case .transition: ["to"]
        case .publication: ["replayUrl"]
        case .cancellation: ["reason"]
        case .reschedule: ["day", "time"]
        }
    }

    /// The API's field paths that belong to a field of this form.
    var formFieldOfAPIField: [String: String] {
        self == .reschedule ? ["startsAt": "day"] : [:]
    }

    /// The steps of the main line a `transition` form offers from `status`: the API's table without the moves that
    /// have forms of their own.
    static func steps(from status: EpisodeStatus) -> [EpisodeStatus] {
        switch status {
        case .planned: [.announced]
        case .announced: [.intakeOpen]
        case .intakeOpen: [.live]
        case .live: [.ended]
        case .rescheduled: [.announced, .intakeOpen]
        case .ended, .published, .cancelled: []
        }
    }

    /// Whether this move is open from `status`, as the API's transition table says.
    func isOffered(from status: EpisodeStatus) -> Bool {
        switch self {
        case .transition: !Self.steps(from: status).isEmpty
        case .publication: status == .ended
        case .cancellation: [.planned, .announced, .intakeOpen, .rescheduled].contains(status)
        case .reschedule: [.planned, .announced, .intakeOpen].contains(status)
        }
    }

    /// The transition body of this move from `fields`, or what the page finds wrong with them first; `status` is
    /// where the episode is, for the steps a transition may take.
    func body(_ fields: FormFields, from status: EpisodeStatus) -> Result<EpisodeMoveBody, FieldMessages> {
        var problems = FieldMessages(prefix: Self.errorKeyPrefix)
        switch self {
        case .transition:
            guard let to = fields.trimmed("to").flatMap(EpisodeStatus.init(rawValue:)), Self.steps(from: status).contains(to) else {
                problems.add("to")
                return .failure(problems)
            }
            return .success(EpisodeMoveBody(to: to.rawValue))
        case .publication:
            guard let link = fields.trimmed("replayUrl"), BroadcastValues.isWebAddress(link), link.utf8.count <= Self.maxLinkBytes else {
                problems.add("replayUrl")
                return .failure(problems)
            }
            return .success(EpisodeMoveBody(to: EpisodeStatus.published.rawValue, replayUrl: link))
        case .cancellation:
            guard let reason = fields.trimmed("reason"), reason.utf8.count <= Self.maxReasonBytes else {
                problems.add("reason")
                return .failure(problems)
            }
            return .success(EpisodeMoveBody(to: EpisodeStatus.cancelled.rawValue, reason: reason))
        case .reschedule:
            guard let startsAt = StaffEventForm.moment(day: fields.trimmed("day"), time: fields.trimmed("time")) else {
                problems.add("day")
                return .failure(problems)
            }
            return .success(EpisodeMoveBody(to: EpisodeStatus.rescheduled.rawValue, startsAt: startsAt))
        }
    }

    /// A field's message is this prefix and the field's name.
    static let errorKeyPrefix = "broadcasts_staff_error_episode_"
    /// The API's bounds: a cancellation reason's bytes, a link's bytes.
    static let maxReasonBytes = 2000
    static let maxLinkBytes = 2000

    /// Every catalogue key these forms name, for the test that each catalogue has them.
    static var catalogueKeys: Set<String> {
        Set(allCases.flatMap { move in move.fieldNames.map { errorKeyPrefix + $0 } })
    }
}

/// The body of an episode's transition as a move builds it; `replayUrl` goes in a `PATCH` before it.
struct EpisodeMoveBody: Encodable, Sendable {
    var to: String
    var reason: String?
    var startsAt: Date?
    /// Not part of the transition: saved on the episode first.
    var replayUrl: String?

    private enum CodingKeys: String, CodingKey {
        case to
        case reason
        case startsAt
    }
}

/// The `PATCH` that saves a replay link before publishing.
struct ReplayLinkBody: Encodable, Sendable {
    var replayUrl: String
}
