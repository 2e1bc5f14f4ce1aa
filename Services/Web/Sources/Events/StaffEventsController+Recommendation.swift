import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// The changes a recommendation's page offers, each with the evidence the API requires.
    enum RecommendationChange: String, CaseIterable, Sendable {
        /// A move in the status table (`POST …/transitions`).
        case transition
        /// How far the work is, in a status of work (`POST …/progress`).
        case progress
    }

    /// `GET /staff/events/{id}/recommendations/{recommendationId}`: the recommendation with its history and evidence,
    /// the forms to move it and to record progress.
    @Sendable func recommendation(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let recommendation = context.parameters.get("recommendationId", as: UUID.self)
        else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: request.uri.path) }
        return await recommendationPage(id, recommendation, request: request, context: context)
    }

    /// `POST /staff/events/{id}/recommendations/{recommendationId}/{change}`: sends the change with its evidence and
    /// the version as `If-Match`; back to the page, or the page with the messages by the form.
    @Sendable func changeRecommendation(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let recommendation = context.parameters.get("recommendationId", as: UUID.self),
            let change = context.parameters.get("change").flatMap(RecommendationChange.init(rawValue:))
        else { return errorPage(.notFound, request: request, context: context) }
        let pagePath = Self.path(of: id) + "/recommendations/" + recommendation.uuidString.lowercased()
        guard context.identity?.isPerson == true else { return signIn(returningTo: pagePath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let version = fields.trimmed("version") else { return stale(id, request: request, context: context) }
        var problems = FieldMessages(prefix: Self.recommendationErrorPrefix)
        let evidenceText = fields.trimmed("evidence")
        let isLink = fields.trimmed("evidenceKind") == "link"
        var evidence: EventsWire.Evidence?
        if let evidenceText, isLink, evidenceText.hasPrefix("http://") || evidenceText.hasPrefix("https://"), evidenceText.count <= Self.maxEvidenceLink {
            evidence = EventsWire.Evidence(link: evidenceText)
        } else if let evidenceText, !isLink, evidenceText.count <= Self.maxEvidenceNote {
            evidence = EventsWire.Evidence(note: evidenceText)
        } else {
            problems.add("evidence")
        }
        let progressText = fields.trimmed("progress")
        let progress = progressText.flatMap(Int.init).flatMap { (0...100).contains($0) ? $0 : nil }
        if progressText != nil && progress == nil || change == .progress && progress == nil { problems.add("progress") }
        let to = fields.trimmed("to").flatMap(EventsWire.RecommendationState.init(rawValue:))
        if change == .transition && to == nil { problems.add("to") }
        guard problems.isEmpty, let evidence else {
            return await recommendationPage(
                id, recommendation, returned: (change, fields, problems), status: .unprocessableContent, request: request, context: context)
        }
        var headers = HTTPHeaders()
        headers.add(name: "If-Match", value: version)
        let apiPath = "/api/v1/events/recommendations/\(recommendation.uuidString.lowercased())/" + (change == .transition ? "transitions" : "progress")
        let outcome: PageAPI.Outcome<NoContent>
        if change == .transition, let to {
            let move = EventsWire.Move(to: to.rawValue, note: fields.trimmed("note"), evidence: evidence, progress: progress)
            outcome = await api.send(.POST, EventsWire.service, apiPath, json: move, headers: headers, as: NoContent.self, context: context)
        } else {
            let body = EventsWire.ProgressInput(progress: progress ?? 0, evidence: evidence, note: fields.trimmed("note"))
            outcome = await api.send(.POST, EventsWire.service, apiPath, json: body, headers: headers, as: NoContent.self, context: context)
        }
        switch outcome {
        case .success: return renderer.redirect(to: pagePath)
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem):
            switch problem.status {
            case 412, 428: return stale(id, request: request, context: context)
            case 401, 403, 404: return failure(problem, request: request, context: context)
            default:
                var problems = FieldMessages(
                    problem, known: ["evidence", "progress", "to", "note"], mapping: ["evidence.note": "evidence", "evidence.link": "evidence"],
                    prefix: Self.recommendationErrorPrefix)
                if problem.code != "validation_failed" { problems.form = "staff_recommendations_refused" }
                return await recommendationPage(
                    id, recommendation, returned: (change, fields, problems), status: HTTPResponse.Status(code: problem.status), request: request,
                    context: context)
            }
        }
    }

    func recommendationPage(
        _ id: UUID, _ recommendationID: UUID, returned: (change: RecommendationChange, fields: FormFields, problems: FieldMessages)? = nil,
        status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async -> Response {
        let path = "/api/v1/events/recommendations/\(recommendationID.uuidString.lowercased())"
        async let recommendationRead = api.get(EventsWire.service, path, as: EventsWire.Recommendation.self, context: context)
        async let historyRead = api.get(EventsWire.service, path + "/history", as: EventsWire.RecommendationHistory.self, context: context)
        let (outcome, historyOutcome) = await (recommendationRead, historyRead)
        guard case .success(let recommendation, let headers) = outcome, recommendation.eventId == id else {
            if case .success = outcome { return errorPage(.notFound, request: request, context: context) }
            return failure(outcome, request: request, context: context)
        }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let names = await directory.lookUpNames([recommendation.dutyBearerId], language)
        var values = Self.values(of: recommendation, names: names, texts: texts, language: language, eventPath: Self.path(of: id))
        values["path"] = Self.path(of: id)
        values["version"] = headers.first(name: "ETag") ?? ""
        values["moves"] = recommendation.status.next.map { ["code": $0.rawValue, "name": texts[$0.textKey] ?? ""] }
        values["hasMoves"] = !recommendation.status.next.isEmpty
        values["isInWork"] = recommendation.status.isInWork
        values["scorecard"] = "/events/scorecard?dutyBearer=\(recommendation.dutyBearerId.uuidString.lowercased())"
        if case .success(let history, _) = historyOutcome {
            values["history"] = history.entries.reversed().map { entry -> [String: Any] in
                var item: [String: Any] = [
                    "at": PageDates.rfc3339(entry.occurredAt), "atText": PageDates.dayAndTime(entry.occurredAt, in: language),
                    "to": texts[entry.to.textKey] ?? "", "progress": entry.progress,
                ]
                item["from"] = entry.from.flatMap { texts[$0.textKey] }
                item["note"] = entry.note
                item["evidenceNote"] = entry.evidence?.note
                // Only a web address is made a link, as on the event page.
                item["evidenceLink"] = entry.evidence?.link.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
                return item
            }
        }
        for change in RecommendationChange.allCases {
            let problems = returned.flatMap { $0.change == change ? $0.problems : nil } ?? FieldMessages(prefix: Self.recommendationErrorPrefix)
            var form = problems.values(texts: texts)
            if let returned, returned.change == change {
                for name in ["evidence", "progress", "note"] { form["value_\(name)"] = returned.fields.trimmed(name) }
                form["isLink"] = returned.fields.trimmed("evidenceKind") == "link"
                form["isOpen"] = true
            }
            form["prefix"] = change.rawValue
            values["form_\(change.rawValue)"] = form
        }
        return renderer.page(
            "staff_event_recommendation", title: texts["staff_recommendation_title"] ?? "", values: values, status: status, request: request,
            context: context, hasForm: true)
    }
}
