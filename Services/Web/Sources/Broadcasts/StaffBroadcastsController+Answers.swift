import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffBroadcastsController {
    /// The answer log's form sent back with its input and messages.
    typealias ReturnedAnswerForm = (form: StaffBroadcastAnswerForm, problems: FieldMessages)

    /// `GET /staff/broadcasts/episodes/{id}/answers`: the episode's answer log, each entry with its question,
    /// timecodes, guest, advice, summary and review status, and for producers the form logging an answered question.
    @Sendable func answers(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/answers") }
        return await answersPage(id, request: request, context: context)
    }

    /// The answer log's page, with `returned`'s input and messages on the form when a new answer was refused.
    func answersPage(
        _ id: UUID, returned: ReturnedAnswerForm? = nil, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async -> Response {
        let base = Self.apiPath(of: id)
        async let answersRead = api.get(BroadcastsWire.service, base + "/answers", as: StaffBroadcastsWire.AnswerList.self, context: context)
        async let questionsRead = api.get(
            BroadcastsWire.service, base + "/questions?state=answered,partially_answered&limit=\(Self.queueLimit)",
            as: StaffBroadcastsWire.QuestionPage.self, context: context)
        async let guestsRead = api.get(BroadcastsWire.service, base + "/guests", as: StaffBroadcastsWire.GuestList.self, context: context)
        let read: (episode: StaffBroadcastsWire.Episode, version: String)
        switch await episode(id, request: request, context: context) {
        case .success(let value): read = value
        case .failure(let failure): return failure.response
        }
        guard case .success(let log, _) = await answersRead else { return unavailable(request: request, context: context) }
        // Reading the questions is for staff; a reader without them sees the log without the questions' texts.
        let questions: [StaffBroadcastsWire.Question] = if case .success(let page, _) = await questionsRead { page.items } else { [] }
        let guests: [StaffBroadcastsWire.Guest] = if case .success(let list, _) = await guestsRead { list.guests } else { [] }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let mayLog = Self.isProducer(context)
        let answerValues = StaffBroadcastAnswerValues(texts: texts, language: language, questions: questions, guests: guests)
        var values = episodeValues(read.episode, texts: texts, language: language)
        values["answers"] = log.answers.map { answerValues.summary(of: $0, episode: id) }
        values["hasAnswers"] = !log.answers.isEmpty
        values["csv"] = base + "/answers.csv"
        let logged = Set(log.answers.map(\.questionId))
        let open = questions.filter { !logged.contains($0.id) }
        values["mayLog"] = mayLog && !open.isEmpty
        values["hasNothingToLog"] = mayLog && open.isEmpty
        if mayLog {
            let chosen = returned?.form.fields.trimmed("questionId") ?? ""
            values["openQuestions"] = open.map {
                [
                    "id": $0.id.uuidString.lowercased(), "text": StaffBroadcastQueueValues.excerpt($0.text),
                    "isSelected": $0.id.uuidString.lowercased() == chosen,
                ]
            }
            values["form"] = answerValues.form(returned?.form, problems: returned?.problems, answer: nil)
            values["idempotencyKey"] = AppealFormInput.newIdempotencyKey()
        }
        return renderer.page(
            "staff_broadcast_answers", title: texts["broadcasts_staff_answers_title"] ?? "", values: values, status: status, request: request,
            context: context, hasForm: mayLog)
    }

    /// `POST /staff/broadcasts/episodes/{id}/answers`: logs the form's answer once under its idempotency key and goes
    /// to the answer's page; the log again with the messages by the fields when refused.
    @Sendable func logAnswer(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        let logPath = Self.path(of: id) + "/answers"
        guard context.identity?.isPerson == true else { return signIn(returningTo: logPath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let form = StaffBroadcastAnswerForm(fields: fields)
        var details: AnswerDetails
        switch form.details() {
        case .success(let value): details = value
        case .failure(let problems): return await answersPage(id, returned: (form, problems), status: .unprocessableContent, request: request, context: context)
        }
        guard details.questionId != nil else {
            var problems = FieldMessages(prefix: StaffBroadcastAnswerForm.errorKeyPrefix)
            problems.add("questionId")
            return await answersPage(id, returned: (form, problems), status: .unprocessableContent, request: request, context: context)
        }
        let headers = AppealFormInput.idempotencyHeaders(in: fields)
        if details.followUpOwner?.isEmpty == true { details.followUpOwner = nil }
        let outcome = await api.send(
            .POST, BroadcastsWire.service, Self.apiPath(of: id) + "/answers", json: details, headers: headers, as: StaffBroadcastsWire.Created.self,
            context: context)
        switch outcome {
        case .success(let created, _): return renderer.redirect(to: logPath + "/\(created.id.uuidString.lowercased())")
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem) where problem.status == 401: return signIn(returningTo: logPath)
        case .problem(let problem):
            return await answersPage(
                id, returned: (form, StaffBroadcastAnswerForm.messages(problem)), status: HTTPResponse.Status(code: problem.status), request: request,
                context: context)
        }
    }

    /// A form's address under the log opened as a page (a language link on a form sent back): the answer's page.
    @Sendable func backToAnswer(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let answerID = context.parameters.get("answerId", as: UUID.self) else {
            return errorPage(.notFound, request: request, context: context)
        }
        return renderer.redirect(to: Self.path(of: id) + "/answers/\(answerID.uuidString.lowercased())" + Self.languageQuery(request))
    }
}
