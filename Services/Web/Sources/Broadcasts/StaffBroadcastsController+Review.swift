import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffBroadcastsController {
    /// `GET /staff/broadcasts/episodes/{id}/answers/{answerId}`: one answer with its history, the form changing it
    /// while a producer may, and the legal review's moves the person may make.
    @Sendable func answerPage(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let answerID = context.parameters.get("answerId", as: UUID.self) else {
            return errorPage(.notFound, request: request, context: context)
        }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.answerPath(id, answerID)) }
        return await answerPage(id, answerID, request: request, context: context)
    }

    /// The answer's page, with `returned`'s input and messages on `change`'s form when it was refused.
    func answerPage(
        _ id: UUID, _ answerID: UUID, returned: (change: StaffBroadcastAnswerChange, form: StaffBroadcastAnswerForm, problems: FieldMessages)? = nil,
        status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async -> Response {
        let answerAPI = Self.answerAPIPath(answerID)
        async let answerRead = api.get(BroadcastsWire.service, answerAPI, as: StaffBroadcastsWire.Answer.self, context: context)
        async let historyRead = api.get(BroadcastsWire.service, answerAPI + "/history", as: StaffBroadcastsWire.History.self, context: context)
        async let guestsRead = api.get(BroadcastsWire.service, Self.apiPath(of: id) + "/guests", as: StaffBroadcastsWire.GuestList.self, context: context)
        let read: (episode: StaffBroadcastsWire.Episode, version: String)
        switch await episode(id, request: request, context: context) {
        case .success(let value): read = value
        case .failure(let failure): return failure.response
        }
        let answer: StaffBroadcastsWire.Answer
        let version: String
        switch await answerRead {
        case .success(let value, let headers):
            answer = value
            version = headers.first(name: "ETag") ?? "\"\(value.version)\""
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
        guard answer.episodeId == id else { return errorPage(.notFound, request: request, context: context) }
        let questionPath = Self.apiPath(of: id) + "/questions/\(answer.questionId.uuidString.lowercased())"
        let question: [StaffBroadcastsWire.Question] =
            if case .success(let found, _) = await api.get(BroadcastsWire.service, questionPath, as: StaffBroadcastsWire.Question.self, context: context) {
                [found]
            } else { [] }
        let guests: [StaffBroadcastsWire.Guest] = if case .success(let list, _) = await guestsRead { list.guests } else { [] }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let answerValues = StaffBroadcastAnswerValues(texts: texts, language: language, questions: question, guests: guests)
        var values = episodeValues(read.episode, texts: texts, language: language)
        values["answer"] = answerValues.summary(of: answer, episode: id)
        values["version"] = version
        values["answerPath"] = Self.answerPath(id, answerID)
        let mayEdit = Self.isProducer(context) && [.draft, .needsCorrection].contains(answer.reviewStatus)
        values["mayEdit"] = mayEdit
        if mayEdit {
            let editing = returned?.change == .edit ? returned : nil
            values["form"] = answerValues.form(editing?.form, problems: editing?.problems, answer: answer)
        }
        let moves = StaffBroadcastAnswerChange.reviewMoves(
            from: answer.reviewStatus, isProducer: Self.isProducer(context), isReviewer: Self.isReviewer(context))
        values["reviewMoves"] = moves.filter { $0 != .needsCorrection }.map {
            ["code": $0.rawValue, "name": texts["broadcasts_staff_review_do_\($0.rawValue)"] ?? ""]
        }
        values["hasReviewMoves"] = moves.contains { $0 != .needsCorrection }
        values["mayRequestCorrection"] = moves.contains(.needsCorrection)
        values["mayReview"] = !moves.isEmpty
        if let returned, returned.change == .review {
            values["reviewProblems"] = returned.problems.values(texts: texts)
            values["value_note"] = returned.form.fields.trimmed("note")
        }
        if case .success(let history, _) = await historyRead {
            values["history"] = Self.history(history, texts: texts, language: language) { StaffBroadcastsWire.ReviewStatus(rawValue: $0)?.textKey }
            values["hasHistory"] = !history.entries.isEmpty
        }
        return renderer.page(
            "staff_broadcast_answer", title: texts["broadcasts_staff_answer_title"] ?? "", values: values, status: status, request: request,
            context: context, hasForm: mayEdit || !moves.isEmpty)
    }

    /// `POST /staff/broadcasts/episodes/{id}/answers/{answerId}/<change>`: changes the answer or moves its review
    /// with the form's version, and back to the answer's page; the page again with the messages when refused, the
    /// "changed meanwhile" page when stale.
    @Sendable func changeAnswer(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let answerID = context.parameters.get("answerId", as: UUID.self),
            let change = context.parameters.get("change").flatMap(StaffBroadcastAnswerChange.init(rawValue:))
        else { return errorPage(.notFound, request: request, context: context) }
        let path = Self.answerPath(id, answerID)
        guard context.identity?.isPerson == true else { return signIn(returningTo: path) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let version = fields.trimmed("version") else { return stale(returningTo: path, request: request, context: context) }
        let form = StaffBroadcastAnswerForm(fields: fields)
        let outcome: PageAPI.Outcome<NoContent>
        switch change {
        case .edit:
            // The summary's other languages are kept: the answer is read for them, its version still the form's.
            var existing: LocalizedText?
            if case .success(let answer, _) = await api.get(
                BroadcastsWire.service, Self.answerAPIPath(answerID), as: StaffBroadcastsWire.Answer.self, context: context)
            {
                existing = answer.summary
            }
            var details: AnswerDetails
            switch form.details(existing: existing) {
            case .success(let value): details = value
            case .failure(let problems):
                return await answerPage(id, answerID, returned: (change, form, problems), status: .unprocessableContent, request: request, context: context)
            }
            details.questionId = nil
            details.followUpOwner = details.followUpOwner ?? ""
            outcome = await api.send(
                .PATCH, BroadcastsWire.service, Self.answerAPIPath(answerID), json: details, headers: Self.ifMatch(version), as: NoContent.self,
                context: context)
        case .review:
            var problems = FieldMessages(prefix: StaffBroadcastAnswerChange.errorKeyPrefix)
            guard let to = fields.trimmed("to").flatMap(StaffBroadcastsWire.ReviewStatus.init(rawValue:)), to != .draft else {
                problems.add("to")
                return await answerPage(id, answerID, returned: (change, form, problems), status: .unprocessableContent, request: request, context: context)
            }
            let note = fields.trimmed("note")
            if to == .needsCorrection && note == nil || (note?.utf8.count ?? 0) > StaffBroadcastAnswerChange.maxNoteBytes {
                problems.add("note")
                return await answerPage(id, answerID, returned: (change, form, problems), status: .unprocessableContent, request: request, context: context)
            }
            outcome = await api.send(
                .POST, BroadcastsWire.service, Self.answerAPIPath(answerID) + "/transitions", json: ReviewMoveBody(to: to.rawValue, note: note),
                headers: Self.ifMatch(version), as: NoContent.self, context: context)
        }
        switch outcome {
        case .success: return renderer.redirect(to: path)
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem):
            switch problem.status {
            case 412, 428: return stale(returningTo: path, request: request, context: context)
            case 401: return signIn(returningTo: path)
            case 404: return errorPage(.notFound, request: request, context: context)
            default:
                let problems =
                    change == .edit
                    ? StaffBroadcastAnswerForm.messages(problem)
                    : StaffBroadcastProblems.messages(problem, known: ["to", "note"], prefix: StaffBroadcastAnswerChange.errorKeyPrefix)
                return await answerPage(
                    id, answerID, returned: (change, form, problems), status: HTTPResponse.Status(code: problem.status), request: request,
                    context: context)
            }
        }
    }

    /// The site's address of an answer's page.
    static func answerPath(_ episode: UUID, _ answer: UUID) -> String {
        path(of: episode) + "/answers/\(answer.uuidString.lowercased())"
    }

    /// The API's address of an answer.
    static func answerAPIPath(_ answer: UUID) -> String {
        "/api/v1/broadcasts/answers/\(answer.uuidString.lowercased())"
    }
}
