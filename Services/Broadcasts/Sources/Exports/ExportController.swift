import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import ServiceKit

/// An episode's answer log in open formats, for whoever may see the episode:
/// - `GET …/episodes/{id}/chapters.vtt`: the replay's chapters, one per logged answer, titled with the
///   question's public text, at the answer's timecodes (WebVTT);
/// - `GET …/episodes/{id}/answers.csv`: the answered questions with their answers, without who asked.
/// The public gets the answers a legal expert approved; those who read the whole log get every answer.
struct ExportController {
    let episodes: EpisodeWorkflow
    let answers: AnswerRepository
    let questions: QuestionRepository
    let guests: GuestRepository

    init(_ components: BroadcastsComponents) {
        episodes = components.workflow
        answers = components.answers.answers
        questions = components.answers.questions
        guests = components.guests
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/broadcasts/episodes/{id}/chapters.vtt").get(use: chapters)
        router.group("/api/v1/broadcasts/episodes/{id}/answers.csv").get(use: csv)
    }

    @Sendable func chapters(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (_, rows) = try await log(context)
        let cues = rows.map { WebVTT.Cue(start: $0.answer.details.startSecond, end: $0.answer.details.endSecond, title: $0.question.shownText) }
        return Self.response(WebVTT.document(cues), contentType: "text/vtt; charset=utf-8")
    }

    @Sendable func csv(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let (episode, rows) = try await log(context)
        var response = Self.response(
            AnsweredQuestionsCSV.text(rows, withAppeals: AnswerAccess.seesUnapproved(identity)), contentType: "text/csv; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"answers-\(episode.id.uuidString.lowercased()).csv\""
        return response
    }

    /// The episode's log as the caller may see it, each answer with its question and guest.
    private func log(_ context: ServiceRequestContext) async throws -> (Episode, [AnsweredQuestionsCSV.Row]) {
        let identity = try context.requireIdentity()
        let episode = try await episodes.load(context.episodeID, for: identity)
        let guestsByID = Dictionary(try await guests.guests(of: episode.id).map { ($0.id, $0) }) { first, _ in first }
        var rows: [AnsweredQuestionsCSV.Row] = []
        for answer in try await answers.answers(in: episode.id, approvedOnly: !AnswerAccess.seesUnapproved(identity)) {
            // Questions are never deleted, and an answer names one.
            guard let question = try await questions.find(answer.questionId) else { continue }
            rows.append(AnsweredQuestionsCSV.Row(answer: answer, question: question, guest: guestsByID[answer.details.guestId]))
        }
        return (episode, rows)
    }

    private static func response(_ text: String, contentType: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
