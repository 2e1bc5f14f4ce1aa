import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// Invitations on one page of the list (the API sends at most 500 per event).
    static let invitationsPageSize = 200
    /// The statuses in which the events service records whether an invitee came.
    static let invitationAttendanceStates: Set<EventState> = [.registrationOpen, .registrationClosed, .held, .reportPending]
    /// The longest invitee name and RSVP note the API takes.
    static let maxInviteeName = 400
    static let maxRSVPNote = 2000
    /// The most digits of an invitation's version a form may send back (a version is a small count of changes).
    static let maxVersionDigits = 9

    /// `GET /staff/events/{id}/invitations`: who was invited, in what role, what they answered and whether they came,
    /// with the counts of officials, and the form to invite a person or an organisation of the directory.
    @Sendable func invitations(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.invitationsPath(of: id)) }
        return await invitationsPage(id, request: request, context: context)
    }

    /// `POST /staff/events/{id}/invitations`: sends an invitation under the form's idempotency key, and back to the
    /// list; the list with the form's messages by their fields when refused.
    @Sendable func invite(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.invitationsPath(of: id)) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        var problems = FieldMessages(prefix: Self.invitationErrorPrefix)
        let name = fields.trimmed("inviteeName")
        let organization = fields.trimmed("organizationId").flatMap(UUID.init(uuidString:))
        let role = fields.trimmed("role").flatMap(EventsWire.InvitationRole.init(rawValue:))
        if name == nil && organization == nil { problems.add("inviteeName") }
        if (name?.count ?? 0) > Self.maxInviteeName { problems.add("inviteeName") }
        if role == nil { problems.add("role") }
        guard problems.isEmpty, let role else {
            return await invitationsPage(id, returned: (fields, problems), status: .unprocessableContent, request: request, context: context)
        }
        let headers = AppealFormInput.idempotencyHeaders(in: fields)
        let body = EventsWire.NewInvitation(inviteeName: name, organizationId: organization, role: role.rawValue)
        let path = "/api/v1/events/\(id.uuidString.lowercased())/invitations"
        switch await api.send(.POST, EventsWire.service, path, json: body, headers: headers, as: NoContent.self, context: context) {
        case .success: return renderer.redirect(to: Self.invitationsPath(of: id))
        case .problem(let problem) where [401, 403, 404].contains(problem.status): return failure(problem, request: request, context: context)
        case .problem(let problem):
            var problems = FieldMessages(
                problem, known: ["inviteeName", "organizationId", "role"], mapping: [:], prefix: Self.invitationErrorPrefix)
            problems.form = problem.code == "validation_failed" ? "staff_problem_validation_failed" : "staff_invitations_refused"
            return await invitationsPage(
                id, returned: (fields, problems), status: HTTPResponse.Status(code: problem.status), request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
    }

    /// `POST /staff/events/{id}/invitations/{invitationId}/{answer}`: records the invitee's answer (`rsvp`) or whether
    /// they came (`attendance`), on the version the form showed (its hidden `version`, sent as `If-Match`), and back
    /// to the list; the list with a notice when the API refuses (another steward changed it meanwhile: 412).
    @Sendable func answerInvitation(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let invitation = context.parameters.get("invitationId", as: UUID.self),
            let kind = context.parameters.get("answer"), ["rsvp", "attendance"].contains(kind)
        else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.invitationsPath(of: id)) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let digits = fields.trimmed("version"), (1...Self.maxVersionDigits).contains(digits.count),
            digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let version = Int(digits)
        else { return errorPage(.badRequest, request: request, context: context) }
        var headers = HTTPHeaders()
        headers.add(name: "If-Match", value: "\"\(version)\"")
        let path = "/api/v1/events/\(id.uuidString.lowercased())/invitations/\(invitation.uuidString.lowercased())/\(kind)"
        let outcome: PageAPI.Outcome<NoContent>
        if kind == "rsvp" {
            guard let rsvp = fields.trimmed("rsvp").flatMap(EventsWire.RSVP.init(rawValue:)), rsvp != .sent else {
                return await invitationsPage(id, notice: "staff_invitations_choose", status: .unprocessableContent, request: request, context: context)
            }
            let note = fields.trimmed("note").map { String($0.prefix(Self.maxRSVPNote)) }
            outcome = await api.send(
                .POST, EventsWire.service, path, json: EventsWire.RSVPInput(rsvp: rsvp.rawValue, note: note), headers: headers, as: NoContent.self,
                context: context)
        } else {
            guard let attendance = fields.trimmed("attendance").flatMap(EventsWire.Attendance.init(rawValue:)) else {
                return await invitationsPage(id, notice: "staff_invitations_choose", status: .unprocessableContent, request: request, context: context)
            }
            outcome = await api.send(
                .PUT, EventsWire.service, path, json: EventsWire.AttendanceInput(attendance: attendance.rawValue), headers: headers,
                as: NoContent.self, context: context)
        }
        switch outcome {
        case .success: return renderer.redirect(to: Self.invitationsPath(of: id))
        case .problem(let problem) where [401, 403, 404].contains(problem.status): return failure(problem, request: request, context: context)
        case .problem(let problem):
            return await invitationsPage(
                id, notice: "staff_invitations_refused", status: HTTPResponse.Status(code: problem.status), request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
    }

    /// The catalogue key of an invitation form field's message is this prefix and the field's name.
    static let invitationErrorPrefix = "staff_invitation_error_"

    /// The site's address of an event's invitations.
    static func invitationsPath(of id: UUID) -> String {
        path(of: id) + "/invitations"
    }

    func invitationsPage(
        _ id: UUID, returned: (fields: FormFields, problems: FieldMessages)? = nil, notice: String? = nil, status: HTTPResponse.Status = .ok,
        request: Request, context: ServiceRequestContext
    ) async -> Response {
        let path = "/api/v1/events/\(id.uuidString.lowercased())"
        async let eventRead = api.get(EventsWire.service, path, as: EventsWire.Event.self, context: context)
        async let listRead = api.get(
            EventsWire.service, path + "/invitations?limit=\(Self.invitationsPageSize)", as: EventsWire.InvitationPage.self, context: context)
        async let countsRead = api.get(EventsWire.service, path + "/invitations/summary", as: EventsWire.InvitationCounts.self, context: context)
        let (eventOutcome, listOutcome) = await (eventRead, listRead)
        guard case .success(let event, _) = eventOutcome else { return failure(eventOutcome, request: request, context: context) }
        guard case .success(let page, _) = listOutcome else { return failure(listOutcome, request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let organizations = await directory.dutyBearers(language)
        let named = Set(organizations.map(\.id))
        let others = Array(Set(page.items.compactMap(\.organizationId)).subtracting(named))
        let otherNames = others.isEmpty ? [:] : await directory.lookUpNames(others, language)
        let names = Dictionary(organizations.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first }).merging(otherNames) { first, _ in first }
        let mayMarkAttendance = Self.invitationAttendanceStates.contains(event.status)
        var values = EventValues.of(event, texts: texts, language: language)
        values["path"] = Self.path(of: id)
        values["items"] = page.items.map { invitation -> [String: Any] in
            var item: [String: Any] = [
                "id": invitation.id.uuidString.lowercased(), "role": texts[invitation.role.textKey] ?? "", "rsvp": texts[invitation.rsvp.textKey] ?? "",
                "answers": invitation.rsvp.next.map { ["code": $0.rawValue, "name": texts[$0.textKey] ?? ""] },
                "mayMarkAttendance": mayMarkAttendance, "version": invitation.version,
            ]
            item["inviteeName"] = invitation.inviteeName
            item["organization"] = invitation.organizationId.flatMap { names[$0] }
            item["attendance"] = invitation.attendance.flatMap { texts[$0.textKey] }
            return item
        }
        values["hasItems"] = !page.items.isEmpty
        if case .success(let counts, _) = await countsRead {
            values["counts"] = [
                "invited": counts.invited, "officialsInvited": counts.officialsInvited, "officialsAccepted": counts.officialsAccepted,
                "officialsAttended": counts.officialsAttended,
            ]
        }
        let form = returned?.fields
        values["organizations"] = Choice.values(
            Choice.sorted(organizations.map { Choice(code: $0.id.uuidString.lowercased(), name: $0.name) }, in: language),
            selected: [form?.trimmed("organizationId") ?? ""])
        values["roles"] = Choice.values(
            EventsWire.InvitationRole.allCases.map { Choice(code: $0.rawValue, name: texts[$0.textKey] ?? "") },
            selected: [form?.trimmed("role") ?? EventsWire.InvitationRole.official.rawValue])
        values["value_inviteeName"] = form?.trimmed("inviteeName")
        values["problems"] = (returned?.problems ?? FieldMessages(prefix: Self.invitationErrorPrefix)).values(texts: texts)
        values["isFormOpen"] = returned != nil
        values["idempotencyKey"] = AppealFormInput.newIdempotencyKey()
        values["notice"] = notice.flatMap { texts[$0] }
        values["mayInvite"] = event.status != .closed && event.status != .cancelled
        return renderer.page(
            "staff_event_invitations", title: texts["staff_invitations_title"] ?? "", values: values, status: status, request: request, context: context,
            hasForm: true)
    }
}
