import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// `GET /staff/events/{id}`: the event, its agenda and the forms the person's roles and the event's status allow.
    @Sendable func eventPage(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id)) }
        return await page(id, request: request, context: context)
    }

    /// The event's page, with `returned`'s input and messages on its form when a change was refused.
    func page(
        _ id: UUID, returned: (change: StaffEventChange, fields: FormFields, problems: FieldMessages)? = nil,
        settings: (fields: FormFields, problems: FieldMessages)? = nil, status: HTTPResponse.Status = .ok, request: Request,
        context: ServiceRequestContext
    ) async -> Response {
        let path = "/api/v1/events/\(id.uuidString.lowercased())"
        async let eventRead = api.get(EventsWire.service, path, as: EventsWire.Event.self, context: context)
        async let agendaRead = api.get(EventsWire.service, path + "/agenda", as: EventsWire.Agenda.self, context: context)
        async let summaryRead = api.get(EventsWire.service, path + "/registrations/summary", as: EventsWire.RegistrationSummary.self, context: context)
        let (eventOutcome, agendaOutcome) = await (eventRead, agendaRead)
        guard case .success(let event, let headers) = eventOutcome else { return failure(eventOutcome, request: request, context: context) }
        guard case .success(let agenda, _) = agendaOutcome else { return failure(agendaOutcome, request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values = EventValues.of(event, texts: texts, language: language)
        values["agenda"] = EventValues.of(agenda.items, language: language)
        values["hasAgenda"] = !agenda.items.isEmpty
        values["version"] = headers.first(name: "ETag") ?? ""
        values["path"] = Self.path(of: id)
        values["organizer"] = await directory.lookUpNames([event.organizerId], language)[event.organizerId]
        let mayRun = context.identity?.hasAnyRole(Self.organizers) == true
        let transitions = mayRun ? event.status.offeredTransitions : []
        values["transitions"] = transitions.map { ["code": $0.rawValue, "name": texts[$0.textKey] ?? ""] }
        values["hasTransitions"] = !transitions.isEmpty
        values["mayCancel"] = mayRun && event.status.isBeforeHeld
        values["mayEditAgenda"] = mayRun && event.status != .cancelled && event.status != .closed
        values["isPublic"] = event.status != .draft
        values["agendaDay"] = StaffEventsController.day(event.startsAt)
        values["mayRun"] = mayRun
        values["mayTakeAttendance"] = mayRun && Self.attendanceStates.contains(event.status)
        values["hasRegistrations"] = mayRun && event.status != .draft
        values["isHeld"] = [.held, .reportPending, .closed].contains(event.status)
        values["maySetRegistration"] = mayRun && event.status != .closed && event.status != .cancelled
        var summary: EventsWire.RegistrationSummary?
        if case .success(let read, _) = await summaryRead { summary = read }
        values["settings"] = settingsValues(summary, returned: settings, texts: texts)
        if let returned {
            values[returned.change.rawValue + "Problems"] = returned.problems.values(texts: texts)
            for name in returned.change.fieldNames { values["value_\(name)"] = returned.fields.trimmed(name) }
        }
        return renderer.page(
            "staff_event", title: values["title"] as? String ?? "", values: values, status: status, request: request, context: context, hasForm: mayRun)
    }

    /// `POST /staff/events/{id}/<change>`: sends the form's change with its version, and back to the event's page;
    /// the page again with the messages by the form when refused, the "changed meanwhile" page when stale.
    @Sendable func change(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let change = context.parameters.get("change").flatMap(StaffEventChange.init(rawValue:))
        else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id)) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let version = fields.trimmed("version") else { return stale(id, request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        let body: ChangeBody
        switch change.body(fields, language: language) {
        case .success(let value): body = value
        case .failure(let problems):
            return await page(id, returned: (change, fields, problems), status: .unprocessableContent, request: request, context: context)
        }
        var headers = HTTPHeaders()
        headers.add(name: "If-Match", value: version)
        switch await api.send(.POST, EventsWire.service, change.apiPath(event: id), json: body, headers: headers, as: NoContent.self, context: context) {
        case .success: return renderer.redirect(to: Self.path(of: id))
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem):
            switch problem.status {
            case 412, 428: return stale(id, request: request, context: context)
            case 401: return signIn(returningTo: Self.path(of: id))
            case 404: return errorPage(.notFound, request: request, context: context)
            default:
                let known = Set(change.fieldNames)
                let problems = FieldMessages(problem, known: known, mapping: change.formFieldOfAPIField)
                return await page(
                    id, returned: (change, fields, problems), status: HTTPResponse.Status(code: problem.status), request: request, context: context)
            }
        }
    }

    /// A change's address opened as a page (a language link on a form sent back): the event's page, in that language.
    @Sendable func backToEvent(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        let language = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)).map { "?lang=\($0.rawValue)" } ?? ""
        return renderer.redirect(to: Self.path(of: id) + language)
    }

    /// Someone changed the event after the form was shown: nothing was saved, and the way to the fresh page.
    func stale(_ id: UUID, request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        return renderer.page(
            "staff_event_stale", title: texts["staff_event_stale_title"] ?? "", values: ["path": Self.path(of: id)], status: .conflict,
            request: request, context: context)
    }

    /// The site's address of an event's staff page.
    static func path(of id: UUID) -> String {
        "/staff/events/\(id.uuidString.lowercased())"
    }

    /// The `YYYY-MM-DD` day of `date` in Bishkek, as a date input takes it.
    static func day(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = PageDates.bishkek
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    // MARK: Answers

    /// Someone not signed in: to the sign-in page, and back to `path` afterwards.
    func signIn(returningTo path: String) -> Response {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return renderer.redirect(to: "/sign-in?next=" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"))
    }

    /// The page for a refused or failed read.
    func failure<Value>(_ outcome: PageAPI.Outcome<Value>, request: Request, context: ServiceRequestContext) -> Response {
        guard case .problem(let problem) = outcome else { return unavailable(request: request, context: context) }
        return failure(problem, request: request, context: context)
    }

    /// The page for an API refusal: its 403 and 404 are the site's; a 400 for an address is a page not found.
    func failure(_ problem: Problem, request: Request, context: ServiceRequestContext) -> Response {
        switch problem.status {
        case 401: signIn(returningTo: request.uri.path)
        case 403: errorPage(.forbidden, request: request, context: context)
        case 400, 404: errorPage(.notFound, request: request, context: context)
        default: errorPage(.internalServerError, request: request, context: context)
        }
    }

    func errorPage(_ status: HTTPResponse.Status, request: Request, context: ServiceRequestContext) -> Response {
        ErrorPagesMiddleware(renderer: renderer).page(for: status, request: request, context: context)
    }

    /// The events service cannot be reached: a page saying so.
    func unavailable(request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        let heading = texts["events_unavailable_heading"] ?? ""
        return renderer.page(
            "error", title: heading, values: ["heading": heading, "explanation": texts["events_unavailable_explanation"] ?? ""],
            status: .serviceUnavailable, request: request, context: context)
    }
}
