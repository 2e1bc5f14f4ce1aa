import Foundation
import Hummingbird
import Models
import ServiceKit

/// The public event pages: the calendar with filters (`GET /events`), an event with its agenda
/// (`GET /events/{id}`), a council's or a duty-bearer's scorecard with its recommendations (`GET /events/scorecard`)
/// and one recommendation with its history (`GET /events/recommendations/{id}`). Every page reads
/// events-and-hearings' API as the visitor, so the public sees exactly the published public events.
public struct PublicEventsController: Sendable {
    let renderer: PageRenderer
    let api: PageAPI
    let directory: StaffDirectory
    /// Registration codes just shown, for a double click's second answer.
    let receipts = ReceiptMemory()

    /// Pages rendered by `renderer`, calling the events service through `api`, naming organisations from `directory`.
    public init(renderer: PageRenderer, api: PageAPI, directory: StaffDirectory) {
        self.renderer = renderer
        self.api = api
        self.directory = directory
    }

    /// Registers `GET /events`, `GET /events/scorecard`, a recommendation (`GET /events/recommendations/{id}`), `GET /events/{id}`, the registration (`POST
    /// /events/{id}/register`), and looking up or withdrawing a registration by its code (`GET`/`POST
    /// /events/registration`, `POST /events/registration/withdraw`). Constant paths come before `{id}`.
    public func register(on router: ServiceRouter) {
        router.get("/events", use: calendar)
        router.get("/events/scorecard", use: scorecard)
        router.get("/events/recommendations/{recommendationId}", use: recommendation)
        router.get("/events/registration", use: lookupForm)
        router.post("/events/registration", use: lookup)
        router.post("/events/registration/withdraw", use: withdraw)
        router.get("/events/{id}", use: event)
        router.post("/events/{id}/register", use: registration)
    }

    /// `GET /events`: coming events, soonest first, filtered by region and type with a GET form.
    @Sendable func calendar(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let filter = CalendarFilter(request)
        let now = Date()
        var outcome = await api.get(EventsWire.service, filter.apiPath(now: now), as: EventsWire.EventPage.self, context: context)
        if case .problem = outcome, filter.cursor != nil {
            // A cursor from an old link the API no longer takes: the first page of the same filters.
            let first = CalendarFilter(region: filter.region, type: filter.type)
            outcome = await api.get(EventsWire.service, first.apiPath(now: now), as: EventsWire.EventPage.self, context: context)
        }
        var values: [String: Any] = [
            "regions": Choice.values(Choice.regions(in: language), selected: Set([filter.region?.rawValue ?? ""])),
            "types": EventValues.types(texts: texts, selected: filter.type?.rawValue), "isFiltered": filter.isFiltered,
            "feed": "/api/v1/events/calendar.ics" + (filter.region.map { "?region=\($0.rawValue)" } ?? ""),
        ]
        guard case .success(let page, _) = outcome else {
            values["isUnavailable"] = true
            return renderer.page(
                "events_calendar", title: texts["events_title"] ?? "", values: values, status: .serviceUnavailable, request: request, context: context)
        }
        let items = page.items.map { EventValues.of($0, texts: texts, language: language) }
        values["items"] = items
        values["hasItems"] = !items.isEmpty
        values["next"] = page.nextCursor.flatMap {
            PublishedFilter.isCursor($0) ? CalendarFilter(region: filter.region, type: filter.type, cursor: $0).sitePath : nil
        }
        return renderer.page("events_calendar", title: texts["events_title"] ?? "", values: values, request: request, context: context)
    }

    /// `GET /events/{id}`: the event with its agenda and organiser, and the registration form while registration
    /// is open; the 404 page for one the visitor may not see.
    @Sendable func event(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        return try await eventPage(id, request: request, context: context)
    }

    /// `GET /events/scorecard?dutyBearer=…` or `?council=…`: how the recommendations made to a duty-bearer, or at a
    /// council's events, fare, and below the numbers the recommendations themselves, 20 a page, filtered by status.
    @Sendable func scorecard(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard var list = ScorecardList(request) else { throw HTTPError(.notFound) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let (subjectID, firstListPath) = (list.id, list.listPath)
        async let names = directory.lookUpNames([subjectID], language)
        async let listRead = api.get(EventsWire.service, firstListPath, as: EventsWire.RecommendationListingPage.self, context: context)
        switch await api.get(EventsWire.service, list.scorecardPath, as: EventsWire.Scorecard.self, context: context) {
        case .success(let card, _):
            guard let name = await names[subjectID] else { throw HTTPError(.notFound) }
            let isCouncil = list.subject == .council
            var values: [String: Any] = [
                "name": name, "isCouncil": isCouncil, "recommendations": card.recommendations, "accepted": card.accepted,
                "implemented": card.implemented, "overdue": card.overdue, "asOf": card.asOf,
                "asOfText": PageDates.day(iso: card.asOf, in: language),
            ]
            values["medianDays"] = card.medianDaysToFirstResponse.map { $0.formatted(.number.precision(.fractionLength(0...1))) }
            var listOutcome = await listRead
            if case .problem = listOutcome, list.cursor != nil {
                // A cursor from an old link the API no longer takes: the first page of the same filter.
                list.cursor = nil
                listOutcome = await api.get(EventsWire.service, list.listPath, as: EventsWire.RecommendationListingPage.self, context: context)
            }
            values["subjectParameter"] = list.subject.rawValue
            values["subjectId"] = list.id.uuidString.lowercased()
            values["statuses"] = list.statusChoices(texts: texts)
            values["isFiltered"] = list.status != nil
            if case .success(let page, _) = listOutcome {
                // A council's recommendations go to many duty-bearers: each is named.
                var dutyBearers: [UUID: String] = [:]
                if isCouncil { dutyBearers = await directory.lookUpNames(Array(Set(page.items.map(\.dutyBearerId))), language) }
                let items = ScorecardList.values(of: page.items, names: dutyBearers, texts: texts, language: language)
                values["items"] = items
                values["hasItems"] = !items.isEmpty
                values["next"] = page.nextCursor.flatMap { PublishedFilter.isCursor($0) ? list.sitePath(cursor: $0) : nil }
            } else {
                values["isListUnavailable"] = true
            }
            let title = (texts[isCouncil ? "scorecard_council_title" : "scorecard_duty_bearer_title"] ?? "") + " " + name
            return renderer.page("event_scorecard", title: title, values: values, request: request, context: context)
        case .problem(let problem) where problem.status < 500:
            throw HTTPError(.notFound)
        case .problem, .unavailable:
            return unavailable(request: request, context: context)
        }
    }

    /// The page saying events cannot be reached now (503): the rest of the site still works.
    func unavailable(request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        return renderer.page(
            "error", title: texts["events_unavailable_heading"] ?? "",
            values: ["heading": texts["events_unavailable_heading"] ?? "", "explanation": texts["events_unavailable_explanation"] ?? ""],
            status: .serviceUnavailable, request: request, context: context)
    }
}
