import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffBroadcastsController {
    /// The most questions the queue shows at once: one API page; the rest a "more" link away.
    static let queueLimit = 200
    /// The order of the queue's sections: what nobody has looked at yet first, then what is on air and coming.
    static let queueSections: [QuestionState] = [
        .received, .onAir, .queued, .approved, .deferred, .hidden, .partiallyAnswered, .answered, .referred, .rejected, .merged,
    ]

    /// A form of the queue sent back with its input and messages: a question's change, or the import (no question).
    typealias ReturnedQueueForm = (question: UUID?, change: String, fields: FormFields, problems: FieldMessages)

    /// `GET /staff/broadcasts/episodes/{id}/queue`: the episode's questions by state, each with its texts, source,
    /// asker (as the API shows them to the caller) and the changes its state allows; the appeal import form.
    @Sendable func queue(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/queue") }
        return await queuePage(id, request: request, context: context)
    }

    /// The queue's page, with `returned`'s input and messages on its form when a change was refused.
    func queuePage(
        _ id: UUID, returned: ReturnedQueueForm? = nil, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async -> Response {
        let query = request.uri.queryParameters
        let shownState = query.get("state").flatMap(QuestionState.init(rawValue:))
        let cursor = query.get("cursor").flatMap { PublishedFilter.isCursor($0) ? $0 : nil }
        var apiPath = Self.apiPath(of: id) + "/questions?limit=\(Self.queueLimit)"
        if let shownState { apiPath += "&state=\(shownState.rawValue)" }
        if let cursor { apiPath += "&cursor=\(cursor)" }
        async let questionsRead = api.get(BroadcastsWire.service, apiPath, as: StaffBroadcastsWire.QuestionPage.self, context: context)
        let read: (episode: StaffBroadcastsWire.Episode, version: String)
        switch await episode(id, request: request, context: context) {
        case .success(let value): read = value
        case .failure(let failure): return failure.response
        }
        let page: StaffBroadcastsWire.QuestionPage
        switch await questionsRead {
        case .success(let value, _): page = value
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let mayRun = Self.isProducer(context)
        var values = episodeValues(read.episode, texts: texts, language: language)
        let queueValues = StaffBroadcastQueueValues(texts: texts, language: language, mayRun: mayRun, returned: returned, questions: page.items)
        values["sections"] = Self.queueSections.compactMap { state in queueValues.section(state) }
        values["hasQuestions"] = !page.items.isEmpty
        values["states"] = Choice.values(
            Self.queueSections.map { Choice(code: $0.rawValue, name: texts[$0.staffTextKey] ?? "") }, selected: [shownState?.rawValue ?? ""])
        values["next"] = page.nextCursor.flatMap { next in
            PublishedFilter.isCursor(next) ? "?" + (shownState.map { "state=\($0.rawValue)&" } ?? "") + "cursor=\(next)" : nil
        }
        values["mayRun"] = mayRun
        values["languages"] = Choice.values(
            Language.allCases.map { Choice(code: $0.rawValue, name: PageRenderer.ownName($0)) },
            selected: [returned?.fields.trimmed("language") ?? language.rawValue])
        if let returned, returned.question == nil {
            values["importProblems"] = returned.problems.values(texts: texts)
            values["value_appealId"] = returned.fields.trimmed("appealId")
        }
        return renderer.page(
            "staff_broadcast_queue", title: texts["broadcasts_staff_queue_title"] ?? "", values: values, status: status, request: request,
            context: context, hasForm: mayRun)
    }

    /// `POST /staff/broadcasts/episodes/{id}/queue/{questionId}/<change>`: sends the change with the question's
    /// version and goes back to the queue at the question; the queue again with the messages by the form when
    /// refused, the "changed meanwhile" page when stale.
    @Sendable func changeQuestion(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let questionID = context.parameters.get("questionId", as: UUID.self),
            let change = context.parameters.get("change").flatMap(StaffBroadcastQuestionChange.init(rawValue:))
        else { return errorPage(.notFound, request: request, context: context) }
        let queuePath = Self.path(of: id) + "/queue"
        guard context.identity?.isPerson == true else { return signIn(returningTo: queuePath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let version = fields.trimmed("version") else { return stale(returningTo: queuePath, request: request, context: context) }
        let body: QuestionChangeBody
        switch change.body(fields) {
        case .success(let value): body = value
        case .failure(let problems):
            return await queuePage(
                id, returned: (questionID, change.rawValue, fields, problems), status: .unprocessableContent, request: request, context: context)
        }
        let questionPath = Self.apiPath(of: id) + "/questions/\(questionID.uuidString.lowercased())"
        let outcome =
            change.isEdit
            ? await api.send(.PATCH, BroadcastsWire.service, questionPath, json: body, headers: Self.ifMatch(version), as: NoContent.self, context: context)
            : await api.send(
                .POST, BroadcastsWire.service, questionPath + "/transitions", json: body, headers: Self.ifMatch(version), as: NoContent.self,
                context: context)
        switch outcome {
        case .success: return renderer.redirect(to: queuePath + "#q-\(questionID.uuidString.lowercased())")
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem):
            switch problem.status {
            case 412, 428: return stale(returningTo: queuePath, request: request, context: context)
            case 401: return signIn(returningTo: queuePath)
            default:
                let problems = StaffBroadcastProblems.messages(
                    problem, known: Set(change.fieldNames), mapping: change.formFieldOfAPIField, prefix: StaffBroadcastQuestionChange.errorKeyPrefix)
                return await queuePage(
                    id, returned: (questionID, change.rawValue, fields, problems), status: HTTPResponse.Status(code: problem.status),
                    request: request, context: context)
            }
        }
    }

    /// `POST /staff/broadcasts/episodes/{id}/queue/import`: makes the appeal of the form's ID a question of the episode
    /// (its public summary only) and goes back to the queue at it.
    @Sendable func importAppeal(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        let queuePath = Self.path(of: id) + "/queue"
        guard context.identity?.isPerson == true else { return signIn(returningTo: queuePath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        var problems = FieldMessages(prefix: Self.importErrorPrefix)
        guard let appealID = fields.trimmed("appealId").flatMap(UUID.init(uuidString:)) else {
            problems.add("appealId")
            return await queuePage(id, returned: (nil, "import", fields, problems), status: .unprocessableContent, request: request, context: context)
        }
        let body = AppealImportBody(appealId: appealID, language: fields.trimmed("language").flatMap(Language.init(rawValue:))?.rawValue)
        // No Idempotency-Key: the API refuses a second import of one appeal (`appeal_already_imported`), so a double
        // click is said, not doubled.
        let outcome = await api.send(
            .POST, BroadcastsWire.service, Self.apiPath(of: id) + "/questions/import", json: body,
            as: StaffBroadcastsWire.Created.self, context: context)
        switch outcome {
        case .success(let created, _): return renderer.redirect(to: queuePath + "#q-\(created.id.uuidString.lowercased())")
        case .unavailable:
            // Broadcasts asks appeals for the summary: either may be down, and the person may simply try again.
            return await queuePage(
                id, returned: (nil, "import", fields, StaffBroadcastProblems.form(StaffBroadcastProblems.unavailableKey)),
                status: .serviceUnavailable, request: request, context: context)
        case .problem(let problem) where problem.status == 401: return signIn(returningTo: queuePath)
        case .problem(let problem):
            let problems = StaffBroadcastProblems.messages(problem, known: ["appealId"], prefix: Self.importErrorPrefix)
            return await queuePage(
                id, returned: (nil, "import", fields, problems), status: HTTPResponse.Status(code: problem.status), request: request,
                context: context)
        }
    }

    /// The import form's field messages: this prefix and the field's name.
    static let importErrorPrefix = "broadcasts_staff_error_import_"

    /// A queue form's address opened as a page (a language link on a form sent back): the queue, in that language.
    @Sendable func backToQueue(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        return renderer.redirect(to: Self.path(of: id) + "/queue" + Self.languageQuery(request))
    }
}

/// `POST …/questions/import`'s body.
struct AppealImportBody: Encodable, Sendable {
    var appealId: UUID
    var language: String?
}
