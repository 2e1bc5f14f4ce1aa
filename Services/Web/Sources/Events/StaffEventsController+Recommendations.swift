import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// The bounds the API states for a recommendation's texts.
    static let maxEvidenceNote = 4000
    static let maxEvidenceLink = 2000
    /// The catalogue key of a recommendation form field's message is this prefix and the field's name.
    static let recommendationErrorPrefix = "staff_recommendation_error_"

    /// `GET /staff/events/{id}/recommendations`: the recommendations made at the event, each with its duty-bearer,
    /// due day, status and progress, and the form to record one addressed to a duty-bearer of the directory.
    @Sendable func recommendations(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/recommendations") }
        return await recommendationsPage(id, request: request, context: context)
    }

    /// `POST /staff/events/{id}/recommendations`: records a recommendation under the form's idempotency key.
    @Sendable func recommend(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        let listPath = Self.path(of: id) + "/recommendations"
        guard context.identity?.isPerson == true else { return signIn(returningTo: listPath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        var problems = FieldMessages(prefix: Self.recommendationErrorPrefix)
        let text = fields.trimmed("text").flatMap { Self.replacing(nil, in: language, with: $0) }
        let dutyBearer = fields.trimmed("dutyBearerId").flatMap(UUID.init(uuidString:))
        let due = fields.trimmed("dueOn").flatMap { StaffEventForm.moment(day: $0, time: "00:00") != nil ? $0 : nil }
        if text == nil { problems.add("text") }
        if dutyBearer == nil { problems.add("dutyBearerId") }
        if due == nil { problems.add("dueOn") }
        guard problems.isEmpty, let text, let dutyBearer, let due else {
            return await recommendationsPage(id, returned: (fields, problems), status: .unprocessableContent, request: request, context: context)
        }
        let headers = AppealFormInput.idempotencyHeaders(in: fields)
        let body = EventsWire.NewRecommendation(text: text, dutyBearerId: dutyBearer, dueOn: due)
        let path = "/api/v1/events/\(id.uuidString.lowercased())/recommendations"
        switch await api.send(.POST, EventsWire.service, path, json: body, headers: headers, as: NoContent.self, context: context) {
        case .success: return renderer.redirect(to: listPath)
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem) where [401, 403, 404].contains(problem.status): return failure(problem, request: request, context: context)
        case .problem(let problem):
            var problems = FieldMessages(problem, known: ["text", "dutyBearerId", "dueOn"], mapping: [:], prefix: Self.recommendationErrorPrefix)
            if problem.code != "validation_failed" { problems.form = "staff_recommendations_refused" }
            return await recommendationsPage(
                id, returned: (fields, problems), status: HTTPResponse.Status(code: problem.status), request: request, context: context)
        }
    }

    func recommendationsPage(
        _ id: UUID, returned: (fields: FormFields, problems: FieldMessages)? = nil, status: HTTPResponse.Status = .ok, request: Request,
        context: ServiceRequestContext
    ) async -> Response {
        let path = "/api/v1/events/\(id.uuidString.lowercased())"
        async let eventRead = api.get(EventsWire.service, path, as: EventsWire.Event.self, context: context)
        async let listRead = api.get(EventsWire.service, path + "/recommendations", as: EventsWire.RecommendationList.self, context: context)
        let (eventOutcome, listOutcome) = await (eventRead, listRead)
        guard case .success(let event, _) = eventOutcome else { return failure(eventOutcome, request: request, context: context) }
        guard case .success(let list, _) = listOutcome else { return failure(listOutcome, request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let dutyBearers = await directory.dutyBearers(language)
        let missing = Array(Set(list.items.map(\.dutyBearerId)).subtracting(dutyBearers.map(\.id)))
        var names = Dictionary(dutyBearers.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        if !missing.isEmpty { names.merge(await directory.lookUpNames(missing, language)) { first, _ in first } }
        var values = EventValues.of(event, texts: texts, language: language)
        values["path"] = Self.path(of: id)
        values["items"] = list.items.map { Self.values(of: $0, names: names, texts: texts, language: language, eventPath: Self.path(of: id)) }
        values["hasItems"] = !list.items.isEmpty
        values["mayRecommend"] = [.held, .reportPending].contains(event.status)
        var form = (returned?.problems ?? FieldMessages(prefix: Self.recommendationErrorPrefix)).values(texts: texts)
        form["value_text"] = returned?.fields.trimmed("text")
        form["value_dueOn"] = returned?.fields.trimmed("dueOn")
        form["dutyBearers"] = Choice.values(
            Choice.sorted(dutyBearers.map { Choice(code: $0.id.uuidString.lowercased(), name: $0.name) }, in: language),
            selected: [returned?.fields.trimmed("dutyBearerId") ?? ""])
        form["idempotencyKey"] = AppealFormInput.newIdempotencyKey()
        values["form"] = form
        values["isFormOpen"] = returned != nil
        return renderer.page(
            "staff_event_recommendations", title: texts["staff_recommendations_title"] ?? "", values: values, status: status, request: request,
            context: context, hasForm: true)
    }

    /// The template values of a recommendation in `texts`' language.
    static func values(
        of recommendation: EventsWire.Recommendation, names: [UUID: String], texts: [String: String], language: Language, eventPath: String
    ) -> [String: Any] {
        let text = ShownText(recommendation.text, in: language)
        var values: [String: Any] = [
            "id": recommendation.id.uuidString.lowercased(), "text": text.text, "status": texts[recommendation.status.textKey] ?? "",
            "statusCode": recommendation.status.rawValue, "progress": recommendation.progress, "isOverdue": recommendation.overdue,
            "dueOn": recommendation.dueOn, "dueText": PageDates.day(iso: recommendation.dueOn, in: language),
            "link": eventPath + "/recommendations/" + recommendation.id.uuidString.lowercased(),
        ]
        values["textLanguage"] = text.otherLanguage
        values["dutyBearer"] = names[recommendation.dutyBearerId]
        return values
    }
}
