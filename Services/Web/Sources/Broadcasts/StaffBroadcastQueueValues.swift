import Foundation
import Models

/// The template values of the moderator's queue: its questions grouped by state, each with the forms its state
/// allows, and a form sent back with its input and messages.
struct StaffBroadcastQueueValues {
    let texts: [String: String]
    let language: Language
    /// Whether the person runs the queue (else the page only reads).
    let mayRun: Bool
    /// The form sent back, if any.
    let returned: StaffBroadcastsController.ReturnedQueueForm?
    /// The questions in the API's order.
    let questions: [StaffBroadcastsWire.Question]

    /// The section of questions in `state`, `nil` when there are none.
    func section(_ state: QuestionState) -> [String: Any]? {
        let group = questions.filter { $0.state == state }
        guard !group.isEmpty else { return nil }
        let positions = group.map(\.queuePosition)
        let isOrdered = state == .queued || state == .approved
        let items = group.enumerated().map { index, question in
            var item = values(of: question)
            if mayRun && isOrdered {
                // Flags apart from the numbers: a position of 0 is a value, not "none", to a template.
                let up = StaffBroadcastQueueOrder.up(index, in: positions)
                let down = StaffBroadcastQueueOrder.down(index, in: positions)
                item["up"] = up.map(String.init)
                item["down"] = down.map(String.init)
                item["isOrdered"] = true
            }
            return item
        }
        return ["state": state.rawValue, "name": texts[state.staffTextKey] ?? "", "count": group.count, "items": items]
    }

    /// One question's values: its texts, facts and forms.
    func values(of question: StaffBroadcastsWire.Question) -> [String: Any] {
        let id = question.id.uuidString.lowercased()
        var item: [String: Any] = [
            "id": id, "text": question.text, "original": question.originalText ?? question.text, "upvotes": question.upvotes,
            "mergeCount": question.mergeCount, "version": question.eTag, "state": texts[question.state.staffTextKey] ?? "",
            "receivedAt": PageDates.rfc3339(question.createdAt), "receivedAtText": PageDates.dayAndTime(question.createdAt, in: language),
            "isEdited": question.publicText.map { !$0.isEmpty } ?? false, "hasMerges": question.mergeCount > 0,
        ]
        item["publicText"] = question.publicText
        item["source"] = question.source.map { texts[$0.textKey] ?? "" }
        item["appealId"] = question.appeal?.id.uuidString.lowercased()
        item["position"] = question.queuePosition.map(String.init)
        item["rejectionReason"] = question.rejectionReason
        // Unique names: a key missing here must not be found in an enclosing section instead.
        if let asker = question.asker, asker.name != nil || asker.phone != nil || asker.email != nil {
            var contact: [String: Any] = [:]
            contact["askerName"] = asker.name
            contact["askerPhone"] = asker.phone
            contact["askerEmail"] = asker.email
            item["asker"] = contact
        }
        guard mayRun else { return item }
        let moves = StaffBroadcastQuestionChange.moves(from: question.state)
        item["moves"] = moves.map { ["code": $0.rawValue, "name": texts["broadcasts_staff_do_\($0.rawValue)"] ?? ""] }
        item["hasMoves"] = !moves.isEmpty
        let allowed = StaffBroadcastQuestionChange.allowed(from: question.state)
        item["mayReject"] = allowed.contains(.rejected)
        if allowed.contains(.merged) {
            let targets = questions.filter { $0.id != question.id && StaffBroadcastQuestionChange.isMergeTarget($0.state) }
            item["mergeTargets"] = targets.map { ["id": $0.id.uuidString.lowercased(), "text": Self.excerpt($0.text)] }
            item["mayMerge"] = !targets.isEmpty
        }
        item["mayEditText"] = ![.rejected, .merged].contains(question.state)
        if let returned, returned.question == question.id {
            item["problems"] = returned.problems.values(texts: texts)
            item["returned_\(returned.change)"] = true
            item["value_reason"] = returned.fields.trimmed("reason")
            if returned.change == StaffBroadcastQuestionChange.text.rawValue { item["publicText"] = returned.fields["publicText"] ?? "" }
        }
        return item
    }

    /// The most characters of a question's text a merge choice shows.
    static let excerptLength = 80

    /// The start of `text`, enough to tell questions apart in a list of choices.
    static func excerpt(_ text: String) -> String {
        text.count <= excerptLength ? text : String(text.prefix(excerptLength)) + "…"
    }
}
