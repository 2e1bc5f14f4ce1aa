import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// Registrations on one page of the staff list.
    static let registrationsPageSize = 50

    /// `GET /staff/events/{id}/registrations?status=…`: the event's registrations in arrival order, with the people's
    /// data as the API shows it to the caller, the pending ones with their confirm and reject buttons.
    @Sendable func registrations(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/registrations") }
        let query = request.uri.queryParameters
        let filter = query.get("status").flatMap(EventsWire.RegistrationState.init(rawValue:))
        let cursor = query.get("cursor").flatMap { PublishedFilter.isCursor($0) ? $0 : nil }
        return await registrationsPage(id, filter: filter, cursor: cursor, request: request, context: context)
    }

    /// `POST /staff/events/{id}/registrations/{registrationId}/decision`: confirms or rejects a registration, and back
    /// to the list; the list with a notice when the registration changed meanwhile.
    @Sendable func decide(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let registration = context.parameters.get("registrationId", as: UUID.self) else {
            return errorPage(.notFound, request: request, context: context)
        }
        let listPath = Self.path(of: id) + "/registrations"
        guard context.identity?.isPerson == true else { return signIn(returningTo: listPath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let decision = fields.trimmed("decision"), Self.decisions.contains(decision),
            let version = fields.trimmed("version").flatMap({ Int($0) })
        else {
            return errorPage(.badRequest, request: request, context: context)
        }
        let path = "/api/v1/events/\(id.uuidString.lowercased())/registrations/\(registration.uuidString.lowercased())/decision"
        var headers = HTTPHeaders()
        headers.add(name: "If-Match", value: "\"\(version)\"")
        let decided = await api.send(
            .POST, EventsWire.service, path, json: EventsWire.Decision(decision: decision), headers: headers, as: NoContent.self, context: context)
        switch decided {
        case .success: return renderer.redirect(to: listPath)
        // Decided or changed meanwhile (another steward, a withdrawal, a promotion): the list as it is now.
        case .problem(let problem) where [409, 412].contains(problem.status):
            return await registrationsPage(id, notice: "staff_registrations_changed", status: .conflict, request: request, context: context)
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
    }

    /// The API's decisions on a registration.
    static let decisions: Set<String> = ["confirm", "reject"]

    /// `GET /staff/events/{id}/registrations.csv`: the API's CSV export, as the signed-in person may have it (the
    /// people's data only for those who run the event), passed through as a download.
    @Sendable func registrationsCSV(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/registrations") }
        let path = "/api/v1/events/\(id.uuidString.lowercased())/registrations.csv"
        switch await api.download(EventsWire.service, path, context: context) {
        case .success(let body, _):
            var headers = HTTPFields()
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = #"attachment; filename="registrations-\#(id.uuidString.lowercased()).csv""#
            headers[.cacheControl] = "no-store"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: body))
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
    }

    func registrationsPage(
        _ id: UUID, filter: EventsWire.RegistrationState? = nil, cursor: String? = nil, notice: String? = nil, noticeText: String? = nil,
        sheet: (text: String, problems: AttendanceSheetProblems)? = nil, status: HTTPResponse.Status = .ok, request: Request,
        context: ServiceRequestContext
    ) async -> Response {
        let path = "/api/v1/events/\(id.uuidString.lowercased())"
        var query = ["limit=\(Self.registrationsPageSize)"]
        if let filter { query.append("status=\(filter.rawValue)") }
        if let cursor { query.append("cursor=\(cursor)") }
        async let eventRead = api.get(EventsWire.service, path, as: EventsWire.Event.self, context: context)
        async let listRead = api.get(
            EventsWire.service, path + "/registrations?" + query.joined(separator: "&"), as: EventsWire.RegistrationPage.self, context: context)
        async let summaryRead = api.get(EventsWire.service, path + "/registrations/summary", as: EventsWire.RegistrationSummary.self, context: context)
        let (eventOutcome, listOutcome) = await (eventRead, listRead)
        guard case .success(let event, _) = eventOutcome else { return failure(eventOutcome, request: request, context: context) }
        guard case .success(let page, _) = listOutcome else { return failure(listOutcome, request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values = EventValues.of(event, texts: texts, language: language)
        values["path"] = Self.path(of: id)
        values["mayTakeAttendance"] = Self.attendanceStates.contains(event.status)
        let mayMark = Self.markingStates.contains(event.status)
        values["mayMark"] = mayMark
        values["sheet"] = ["value": sheet?.text ?? "", "errors": sheet?.problems.messages(texts: texts) ?? [], "hasErrors": sheet != nil]
        if case .success(let summary, _) = await summaryRead { values["summary"] = Self.values(of: summary) }
        let items: [[String: Any]] = page.items.map { registration in
            var item: [String: Any] = [
                "id": registration.id.uuidString.lowercased(), "sequence": registration.sequence, "status": texts[registration.status.textKey] ?? "",
                "isPending": registration.status == .pending, "isWalkIn": registration.kind == "walk_in", "version": registration.version,
                "createdAt": PageDates.rfc3339(registration.createdAt), "createdText": PageDates.dayAndTime(registration.createdAt, in: language),
            ]
            item["name"] = registration.participant.name
            item["phone"] = registration.participant.phone
            item["email"] = registration.participant.email
            item["attendance"] = registration.attendance.flatMap { texts[$0.textKey] }
            item["waitlistPosition"] = registration.status == .waitlisted ? registration.waitlistPosition : nil
            item["mayMark"] = mayMark && registration.status.isActive
            return item
        }
        values["items"] = items
        values["hasItems"] = !items.isEmpty
        values["statuses"] = Choice.values(
            EventsWire.RegistrationState.allCases.map { Choice(code: $0.rawValue, name: texts[$0.textKey] ?? "") }, selected: [filter?.rawValue ?? ""])
        values["notice"] = noticeText ?? notice.flatMap { texts[$0] }
        values["next"] = page.nextCursor.flatMap { next in
            PublishedFilter.isCursor(next)
                ? Self.path(of: id) + "/registrations?" + (filter.map { "status=\($0.rawValue)&" } ?? "") + "cursor=\(next)" : nil
        }
        return renderer.page(
            "staff_event_registrations", title: texts["staff_registrations_title"] ?? "", values: values, status: status, request: request,
            context: context, hasForm: true)
    }
}
