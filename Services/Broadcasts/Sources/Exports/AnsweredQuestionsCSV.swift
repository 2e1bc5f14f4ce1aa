import Foundation
import Models

/// The export of an episode's answered questions (RFC 4180, UTF-8, CRLF): one row per answer in the order
/// of the recording, with the question's public text and where it came from, never who asked or how to
/// reach them. The appeal a question came from is named only to those who read the whole log.
enum AnsweredQuestionsCSV {
    static let header = [
        "question_id", "source", "appeal_id", "region", "topic", "language", "question", "question_state", "answered_at", "start_second",
        "end_second", "guest", "guest_role", "advice_type", "legal_references", "summary_ky", "summary_ru", "summary_en", "follow_up_owner",
        "follow_up_due_on", "review_status", "approved_at",
    ]

    /// One answer and what its row shows of its question and guest.
    struct Row {
        var answer: Answer
        var question: Question
        var guest: Guest?
    }

    static func text(_ rows: [Row], withAppeals: Bool) -> String {
        var lines = [header]
        for row in rows {
            let (answer, question, details) = (row.answer, row.question, row.answer.details)
            lines.append([
                question.id.uuidString.lowercased(), question.source.rawValue,
                withAppeals ? question.appeal?.id.uuidString.lowercased() ?? "" : "", question.region?.code ?? "", question.topic?.rawValue ?? "",
                question.language.rawValue, question.shownText, question.state.rawValue,
                question.answeredAt.map { RFC3339.string(from: $0) } ?? "", String(details.startSecond), String(details.endSecond),
                row.guest?.name ?? "", row.guest?.role.rawValue ?? "", details.adviceType.rawValue,
                details.legalReferences.map { "\($0.law), \($0.article)" }.joined(separator: "; "), details.summary.ky ?? "",
                details.summary.ru ?? "", details.summary.en ?? "", details.followUpOwner ?? "", details.followUpDueOn ?? "",
                answer.reviewStatus.rawValue, answer.approvedAt.map { RFC3339.string(from: $0) } ?? "",
            ])
        }
        return CSVText.text(lines)
    }
}
