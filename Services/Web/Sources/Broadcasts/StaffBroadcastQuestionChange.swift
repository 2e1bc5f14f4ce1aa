import Foundation
import Models

/// A change the moderator's queue offers on a question, each a form posting to
/// `/staff/broadcasts/episodes/{id}/queue/{questionId}/<change>` and a broadcasts API call carrying the question's
/// ETag as `If-Match`.
enum StaffBroadcastQuestionChange: String, CaseIterable, Sendable {
    /// A move without anything more: approve, hide, queue, put on air, answered, deferred, referred (`…/transitions`).
    case move
    /// Rejecting, with a reason.
    case rejection
    /// Merging into another open question of the episode, which counts it.
    case merge
    /// The text the audience reads, edited by the moderator (`PATCH`); empty shows the original again.
    case text
    /// The place in the queue (`PATCH queuePosition`): lower comes first.
    case order

    /// The form's fields, as named on the page.
    var fieldNames: [String] {
        switch self {
        case .move: ["to"]
        case .rejection: ["reason"]
        case .merge: ["mergeInto"]
        case .text: ["publicText"]
        case .order: ["position"]
        }
    }

    /// The API's field paths that belong to a field of this form.
    var formFieldOfAPIField: [String: String] {
        self == .order ? ["queuePosition": "position"] : [:]
    }

    /// Whether the change is a `PATCH` of the question rather than a move.
    var isEdit: Bool { self == .text || self == .order }

    /// The moves a `move` form offers from `state`: the API's table without rejecting and merging, which have forms
    /// of their own.
    static func moves(from state: QuestionState) -> [QuestionState] {
        allowed(from: state).filter { $0 != .rejected && $0 != .merged }
    }

    /// The states the API lets a question in `state` move to.
    static func allowed(from state: QuestionState) -> [QuestionState] {
        switch state {
        case .received: [.approved, .hidden, .rejected, .merged]
        case .approved: [.queued, .hidden, .rejected, .merged]
        case .hidden: [.approved, .rejected]
        case .queued: [.onAir, .approved, .hidden, .deferred]
        case .onAir: [.answered, .partiallyAnswered, .deferred, .referred]
        case .partiallyAnswered: [.deferred, .referred]
        case .deferred: [.queued, .approved, .hidden, .rejected, .merged]
        case .rejected, .merged, .answered, .referred: []
        }
    }

    /// Whether a question in `state` may be the one others are merged into.
    static func isMergeTarget(_ state: QuestionState) -> Bool {
        ![.hidden, .rejected, .merged].contains(state)
    }

    /// The API body of this change from `fields`, or what the page finds wrong with them first.
    func body(_ fields: FormFields) -> Result<QuestionChangeBody, FieldMessages> {
        var problems = FieldMessages(prefix: Self.errorKeyPrefix)
        switch self {
        case .move:
            guard let to = fields.trimmed("to").flatMap(QuestionState.init(rawValue:)), to != .rejected, to != .merged,
                to != .received
            else {
                problems.add("to")
                return .failure(problems)
            }
            return .success(QuestionChangeBody(to: to.rawValue))
        case .rejection:
            guard let reason = fields.trimmed("reason"), reason.utf8.count <= Self.maxReasonBytes else {
                problems.add("reason")
                return .failure(problems)
            }
            return .success(QuestionChangeBody(to: QuestionState.rejected.rawValue, reason: reason))
        case .merge:
            guard let target = fields.trimmed("mergeInto").flatMap(UUID.init(uuidString:)) else {
                problems.add("mergeInto")
                return .failure(problems)
            }
            return .success(QuestionChangeBody(to: QuestionState.merged.rawValue, mergeInto: target))
        case .text:
            let text = fields.trimmed("publicText") ?? ""
            guard text.utf8.count <= Self.maxPublicTextBytes else {
                problems.add("publicText")
                return .failure(problems)
            }
            return .success(QuestionChangeBody(publicText: text))
        case .order:
            guard let position = fields.trimmed("position").flatMap(Int.init), Self.positions.contains(position) else {
                problems.add("position")
                return .failure(problems)
            }
            return .success(QuestionChangeBody(queuePosition: position))
        }
    }

    /// A field's message is this prefix and the field's name.
    static let errorKeyPrefix = "broadcasts_staff_error_question_"
    /// The API's bounds: a rejection reason's bytes, a public text's bytes, the queue positions.
    static let maxReasonBytes = 2000
    static let maxPublicTextBytes = 4000
    static let positions = 0...100_000

    /// Every catalogue key these forms name, for the test that each catalogue has them.
    static var catalogueKeys: Set<String> {
        Set(allCases.flatMap { change in change.fieldNames.map { errorKeyPrefix + $0 } })
    }
}

/// The JSON body of a question change: a move's fields or an edit's.
struct QuestionChangeBody: Encodable, Sendable {
    var to: String?
    var reason: String?
    var mergeInto: UUID?
    var publicText: String?
    var queuePosition: Int?
}
