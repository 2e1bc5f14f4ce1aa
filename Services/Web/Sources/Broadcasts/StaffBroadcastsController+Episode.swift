import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffBroadcastsController {
    /// `GET /staff/broadcasts/episodes/{id}`: the episode's state, its history, the links to its queue, presenter's
    /// screen and answer log, and the moves the person's roles and the episode's status allow.
    @Sendable func episodePage(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id)) }
        return await episodePage(id, request: request, context: context)
    }

    /// The episode's page, with `returned`'s input and messages on its form when a move was refused.
    func episodePage(
        _ id: UUID, returned: (move: StaffBroadcastEpisodeMove, fields: FormFields, problems: FieldMessages)? = nil,
        status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async -> Response {
        async let historyRead = api.get(BroadcastsWire.service, Self.apiPath(of: id) + "/history", as: StaffBroadcastsWire.History.self, context: context)
        let read: (episode: StaffBroadcastsWire.Episode, version: String)
        switch await episode(id, request: request, context: context) {
        case .success(let value): read = value
        case .failure(let failure): return failure.response
        }
        let episode = read.episode
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values = episodeValues(episode, texts: texts, language: language)
        values["version"] = read.version
        values["streamUrl"] = episode.streamUrl.flatMap { BroadcastValues.isWebAddress($0) ? $0 : nil }
        values["replayUrl"] = episode.replayUrl.flatMap { BroadcastValues.isWebAddress($0) ? $0 : nil }
        values["cancellationReason"] = episode.cancellationReason
        values["isAnnounced"] = ![.planned, .cancelled].contains(episode.status)
        values["hasAnswerLog"] = [.live, .ended, .published].contains(episode.status)
        let mayRun = Self.isProducer(context)
        values["mayRun"] = mayRun
        let steps = mayRun ? StaffBroadcastEpisodeMove.steps(from: episode.status) : []
        values["hasSteps"] = !steps.isEmpty
        values["steps"] = steps.map { ["code": $0.rawValue, "name": texts["broadcasts_staff_move_\($0.rawValue)"] ?? ""] }
        for move in [StaffBroadcastEpisodeMove.publication, .cancellation, .reschedule] {
            values["offers_\(move.rawValue)"] = mayRun && move.isOffered(from: episode.status)
        }
        values["day"] = StaffEventsController.day(episode.startsAt)
        values["time"] = Self.clock(episode.startsAt)
        if case .success(let history, _) = await historyRead {
            values["hasHistory"] = !history.entries.isEmpty
            values["history"] = Self.history(history, texts: texts, language: language) { EpisodeStatus(rawValue: $0)?.textKey }
        }
        if let returned {
            values[returned.move.rawValue + "Problems"] = returned.problems.values(texts: texts)
            for name in returned.move.fieldNames { values["value_\(name)"] = returned.fields.trimmed(name) }
        }
        return renderer.page(
            "staff_broadcast_episode", title: values["theme"] as? String ?? "", values: values, status: status, request: request,
            context: context, hasForm: mayRun)
    }

    /// `POST /staff/broadcasts/episodes/{id}/moves/<move>`: sends the move with the form's version and goes back to the
    /// episode's page; the page again with the messages by the form when refused, the "changed meanwhile" page when
    /// stale.
    @Sendable func moveEpisode(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self),
            let move = context.parameters.get("change").flatMap(StaffBroadcastEpisodeMove.init(rawValue:))
        else { return errorPage(.notFound, request: request, context: context) }
        let path = Self.path(of: id)
        guard context.identity?.isPerson == true else { return signIn(returningTo: path) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let version = fields.trimmed("version") else { return stale(returningTo: path, request: request, context: context) }
        // The status the form was shown for decides which steps it could offer; the API decides the rest.
        let shownStatus = fields.trimmed("status").flatMap(EpisodeStatus.init(rawValue:)) ?? .planned
        let body: EpisodeMoveBody
        switch move.body(fields, from: shownStatus) {
        case .success(let value): body = value
        case .failure(let problems):
            return await episodePage(id, returned: (move, fields, problems), status: .unprocessableContent, request: request, context: context)
        }
        var ifMatch = version
        if let replayUrl = body.replayUrl {
            // The link is saved first: publishing needs it, and a refused publication keeps it for the next try.
            switch await api.send(
                .PATCH, BroadcastsWire.service, Self.apiPath(of: id), json: ReplayLinkBody(replayUrl: replayUrl), headers: Self.ifMatch(version),
                as: NoContent.self, context: context)
            {
            case .success(_, let headers): ifMatch = headers.first(name: "ETag") ?? version
            case let outcome: return await refused(outcome, move: move, fields: fields, id: id, request: request, context: context)
            }
        }
        let outcome = await api.send(
            .POST, BroadcastsWire.service, Self.apiPath(of: id) + "/transitions", json: body, headers: Self.ifMatch(ifMatch), as: NoContent.self,
            context: context)
        if case .success = outcome { return renderer.redirect(to: path) }
        return await refused(outcome, move: move, fields: fields, id: id, request: request, context: context)
    }

    /// The answer to a move the API did not take: the stale page, sign-in, or the page with the messages by the form.
    private func refused(
        _ outcome: PageAPI.Outcome<NoContent>, move: StaffBroadcastEpisodeMove, fields: FormFields, id: UUID, request: Request,
        context: ServiceRequestContext
    ) async -> Response {
        guard case .problem(let problem) = outcome else { return unavailable(request: request, context: context) }
        switch problem.status {
        case 412, 428: return stale(returningTo: Self.path(of: id), request: request, context: context)
        case 401: return signIn(returningTo: Self.path(of: id))
        case 404: return errorPage(.notFound, request: request, context: context)
        default:
            let problems = StaffBroadcastProblems.messages(
                problem, known: Set(move.fieldNames), mapping: move.formFieldOfAPIField, prefix: StaffBroadcastEpisodeMove.errorKeyPrefix)
            return await episodePage(
                id, returned: (move, fields, problems), status: HTTPResponse.Status(code: problem.status), request: request, context: context)
        }
    }

    /// A move's address opened as a page (a language link on a form sent back): the episode's page, in that language.
    @Sendable func backToEpisode(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        return renderer.redirect(to: Self.path(of: id) + Self.languageQuery(request))
    }
}
