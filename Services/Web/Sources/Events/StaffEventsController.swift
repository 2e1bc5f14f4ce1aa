import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

/// The staff pages for events: the list (`GET /staff/events`), the new-event form (`GET`/`POST /staff/events/new`),
/// and an event's page (`GET /staff/events/{id}`) with its forms: the next step, calling it off and the agenda
/// (`POST /staff/events/{id}/<change>`).
///
/// Every read and change is an events API call made as the signed-in person, so they see and change exactly what
/// the API lets them (a council member their own council's and region's events); its 403 and 404 are the site's.
public struct StaffEventsController: Sendable {
    /// Who the forms are offered to: the API's organisers (staff, and council members for their own events).
    static let organizers: Set<Role> = [.admin, .coordinator, .councilMember]

    let renderer: PageRenderer
    let api: PageAPI
    let directory: StaffDirectory

    /// Pages rendered by `renderer`, calling the events service through `api`, naming bodies from `directory`.
    public init(renderer: PageRenderer, api: PageAPI, directory: StaffDirectory) {
        self.renderer = renderer
        self.api = api
        self.directory = directory
    }

    /// Registers the list, the new-event form, an event's page with its change forms, the door's check-in page, the
    /// registrations list, the invitations, the report and the recommendations.
    public func register(on router: ServiceRouter) {
        router.get("/staff/events", use: list)
        router.get("/staff/events/new", use: newEvent)
        router.post("/staff/events/new", use: create)
        router.get("/staff/events/{id}", use: eventPage)
        // The constant paths under an event come before its `{change}`, which would take them otherwise.
        router.get("/staff/events/{id}/door", use: door)
        router.post("/staff/events/{id}/check-in", use: checkIn)
        router.post("/staff/events/{id}/walk-in", use: walkIn)
        router.get("/staff/events/{id}/registrations", use: registrations)
        router.get("/staff/events/{id}/registrations.csv", use: registrationsCSV)
        router.post("/staff/events/{id}/registrations/{registrationId}/decision", use: decide)
        router.post("/staff/events/{id}/registrations/{registrationId}/attendance", use: markAttendance)
        router.post("/staff/events/{id}/attendance-sheet", use: attendanceSheet)
        router.post("/staff/events/{id}/registration-settings", use: registrationSettings)
        router.get("/staff/events/{id}/invitations", use: invitations)
        router.post("/staff/events/{id}/invitations", use: invite)
        router.post("/staff/events/{id}/invitations/{invitationId}/{answer}", use: answerInvitation)
        router.get("/staff/events/{id}/report", use: report)
        router.post("/staff/events/{id}/report", use: saveReport)
        router.post("/staff/events/{id}/report/transition", use: moveReport)
        router.get("/staff/events/{id}/recommendations", use: recommendations)
        router.post("/staff/events/{id}/recommendations", use: recommend)
        router.get("/staff/events/{id}/recommendations/{recommendationId}", use: recommendation)
        router.post("/staff/events/{id}/recommendations/{recommendationId}/{change}", use: changeRecommendation)
        router.post("/staff/events/{id}/{change}", use: change)
        router.get("/staff/events/{id}/{change}", use: backToEvent)
    }

    // MARK: The list

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity?.isPerson == true else { return signIn(returningTo: "/staff/events") }
        let filter = CalendarFilter(request)
        // Every status, soonest first, from a year back: staff run what is coming and finish what was held.
        let since = Date().addingTimeInterval(-Self.listedPast)
        let outcome = await api.get(EventsWire.service, filter.apiPath(now: since), as: EventsWire.EventPage.self, context: context)
        let page: EventsWire.EventPage
        switch outcome {
        case .success(let value, _): page = value
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let items = page.items.map { EventValues.of($0, texts: texts, language: language) }
        var values: [String: Any] = [
            "items": items, "hasItems": !items.isEmpty, "mayCreate": context.identity?.hasAnyRole(Self.organizers) == true,
            "regions": Choice.values(Choice.regions(in: language), selected: Set([filter.region?.rawValue ?? ""])),
            "types": EventValues.types(texts: texts, selected: filter.type?.rawValue),
        ]
        values["next"] = page.nextCursor.flatMap {
            PublishedFilter.isCursor($0) ? "/staff" + CalendarFilter(region: filter.region, type: filter.type, cursor: $0).sitePath : nil
        }
        return renderer.page("staff_events", title: texts["staff_events_title"] ?? "", values: values, request: request, context: context)
    }

    /// How far back the staff list reaches: a year, so a held event's report and recommendations stay at hand.
    static let listedPast: TimeInterval = 366 * 86_400

    // MARK: A new event

    @Sendable func newEvent(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity?.isPerson == true else { return signIn(returningTo: "/staff/events/new") }
        guard context.identity?.hasAnyRole(Self.organizers) == true else { return errorPage(.forbidden, request: request, context: context) }
        return await formPage(StaffEventForm(), problems: FieldMessages(), request: request, context: context)
    }

    /// `POST /staff/events/new`: creates the draft under the form's idempotency key and goes to its page, or shows
    /// the form again with everything typed and the messages next to the fields.
    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity?.isPerson == true else { return signIn(returningTo: "/staff/events/new") }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let form = StaffEventForm(fields)
        let language = PageLanguage.negotiate(request).language
        let body: NewEventBody
        switch form.body(language: language) {
        case .success(let value): body = value
        case .failure(let problems): return await formPage(form, problems: problems, status: .unprocessableContent, request: request, context: context)
        }
        var headers = HTTPHeaders()
        if let key = form.idempotencyKey { headers.add(name: "Idempotency-Key", value: key) }
        let outcome = await api.send(.POST, EventsWire.service, "/api/v1/events", json: body, headers: headers, as: Created.self, context: context)
        switch outcome {
        case .success(let created, _): return renderer.redirect(to: "/staff/events/\(created.id.uuidString.lowercased())")
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem) where problem.status == 401: return signIn(returningTo: "/staff/events/new")
        case .problem(let problem):
            let problems = FieldMessages(problem, known: StaffEventForm.fieldsWithMessages, mapping: StaffEventForm.formFieldOfAPIField)
            return await formPage(form, problems: problems, status: HTTPResponse.Status(code: problem.status), request: request, context: context)
        }
    }

    /// The new-event form with `form`'s input and `problems`, under a new idempotency key.
    func formPage(
        _ form: StaffEventForm, problems: FieldMessages, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var organizers = await directory.dutyBearers(language)
        // A council member organises for their own council, which is no duty-bearer: it comes first.
        if let own = Self.organization(of: context.identity), !organizers.contains(where: { $0.id == own }),
            let name = await directory.lookUpNames([own], language)[own]
        {
            organizers.insert(StaffDirectory.Entry(id: own, name: name), at: 0)
        }
        var values: [String: Any] = problems.values(texts: texts)
        for (name, value) in form.text { values["value_\(name.replacingOccurrences(of: ".", with: "_"))"] = value }
        let selectedOrganizer = form.text["organizerId"] ?? Self.organization(of: context.identity)?.uuidString.lowercased() ?? ""
        values["organizers"] = Choice.values(organizers.map { Choice(code: $0.id.uuidString.lowercased(), name: $0.name) }, selected: [selectedOrganizer])
        values["types"] = EventValues.types(texts: texts, selected: form.text["type"])
        values["formats"] = Choice.values(
            EventFormat.allCases.map { Choice(code: $0.rawValue, name: texts[$0.textKey] ?? "") }, selected: [form.text["format"] ?? ""])
        values["regions"] = Choice.values(Choice.regions(in: language), selected: [form.text["region"] ?? ""])
        values["visibilities"] = Choice.values(
            StaffEventForm.visibilities.map { Choice(code: $0, name: texts["staff_event_visibility_\($0)"] ?? "") },
            selected: [form.text["visibility"] ?? "public"])
        values["idempotencyKey"] = AppealFormInput.newIdempotencyKey()
        return renderer.page(
            "staff_event_form", title: texts["staff_event_new_title"] ?? "", values: values, status: status, request: request, context: context,
            hasForm: true)
    }

    /// The organisation a signed-in person acts for, if any.
    static func organization(of identity: Identity?) -> UUID? {
        if case .principal(let principal) = identity { principal.organizationID } else { nil }
    }

    /// What the API answers a created event with, as far as the page needs it.
    struct Created: Decodable, Sendable {
        var id: UUID
    }
}
