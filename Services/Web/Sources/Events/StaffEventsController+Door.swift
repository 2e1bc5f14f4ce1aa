import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// The statuses in which the events service takes attendance at the door.
    static let attendanceStates: Set<EventState> = [.registrationOpen, .registrationClosed, .held]

    /// `GET /staff/events/{id}/door`: the check-in page for a phone at the door.
    @Sendable func door(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/door") }
        return await doorPage(id, request: request, context: context)
    }

    /// `POST /staff/events/{id}/check-in`: checks in the code or pass typed (or pasted from a QR scanner app) and
    /// shows the verdict in large type, with the field empty for the next person.
    @Sendable func checkIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/door") }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let typed = fields.trimmed("code") else {
            return await doorPage(id, result: DoorResult(outcome: .missing), status: .unprocessableContent, request: request, context: context)
        }
        guard typed.utf8.count <= DoorCheck.maxTypedLength else {
            return await doorPage(id, result: DoorResult(outcome: .notFound), status: .notFound, request: request, context: context)
        }
        switch await DoorCheck(api: api).checkIn(typed, eventID: id, context: context) {
        case .result(let result):
            let status: HTTPResponse.Status =
                switch result.outcome {
                case .checkedIn, .alreadyCheckedIn, .walkedIn: .ok
                case .notFound: .notFound
                case .notAPass, .missing: .unprocessableContent
                case .throttled: .tooManyRequests
                case .waitlisted, .pending, .inactive, .notOpen: .conflict
                }
            return await doorPage(id, result: result, status: status, request: request, context: context)
        case .refused(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
    }

    /// `POST /staff/events/{id}/walk-in`: counts in a person who came without registering; every field optional,
    /// each disaggregation field kept only with its consent box ticked.
    @Sendable func walkIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/door") }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let form = RegistrationForm(fields)
        var problems: FieldMessages
        let status: HTTPResponse.Status
        switch form.body(eventID: nil, isNameRequired: false) {
        case .failure(let found):
            (problems, status) = (found, .unprocessableContent)
        case .success(let body):
            let path = "/api/v1/events/\(id.uuidString.lowercased())/walk-ins"
            // The form's key: a double click counts the person in once.
            let headers = AppealFormInput.idempotencyHeaders(in: fields)
            switch await api.send(.POST, EventsWire.service, path, json: body, headers: headers, as: WalkedIn.self, context: context) {
            case .success(let walkedIn, _):
                let result = DoorResult(outcome: .walkedIn, name: walkedIn.participant?.name)
                return await doorPage(id, result: result, request: request, context: context)
            case .problem(let problem) where [401, 403, 404].contains(problem.status):
                return failure(problem, request: request, context: context)
            case .problem(let problem) where problem.code == "attendance_not_open":
                return await doorPage(id, result: DoorResult(outcome: .notOpen), status: .conflict, request: request, context: context)
            case .problem(let problem):
                problems = FieldMessages(
                    problem, known: RegistrationForm.fieldsWithMessages, mapping: RegistrationForm.formFieldOfAPIField,
                    prefix: RegistrationForm.errorKeyPrefix)
                status = HTTPResponse.Status(code: problem.status)
            case .unavailable: return unavailable(request: request, context: context)
            }
        }
        problems.form = "staff_door_walk_in_problems"
        return await doorPage(id, walkIn: (form, problems), status: status, request: request, context: context)
    }

    /// A walk-in as the API counted it: a double click's replay leaves the person out (never kept for replays).
    struct WalkedIn: Decodable {
        var participant: EventsWire.Participant?
    }

    /// The door page: the event, how full it is, the last verdict, the check-in form and the walk-in form.
    func doorPage(
        _ id: UUID, result: DoorResult? = nil, walkIn: (form: RegistrationForm, problems: FieldMessages)? = nil, status: HTTPResponse.Status = .ok,
        request: Request, context: ServiceRequestContext
    ) async -> Response {
        let path = "/api/v1/events/\(id.uuidString.lowercased())"
        async let eventRead = api.get(EventsWire.service, path, as: EventsWire.Event.self, context: context)
        async let summaryRead = api.get(EventsWire.service, path + "/registrations/summary", as: EventsWire.RegistrationSummary.self, context: context)
        let eventOutcome = await eventRead
        guard case .success(let event, _) = eventOutcome else { return failure(eventOutcome, request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values = EventValues.of(event, texts: texts, language: language)
        values["path"] = Self.path(of: id)
        values["isOpen"] = Self.attendanceStates.contains(event.status)
        if case .success(let summary, _) = await summaryRead { values["summary"] = Self.values(of: summary) }
        if let result {
            var shown: [String: Any] = [
                "outcome": result.outcome.rawValue, "tone": result.outcome.tone, "verdict": texts[result.outcome.textKey] ?? "",
                "advice": texts[result.outcome.textKey + "_advice"] ?? "",
            ]
            shown["name"] = result.name
            shown["waitlistPosition"] = result.waitlistPosition
            values["result"] = shown
        }
        let form = walkIn ?? (RegistrationForm(), FieldMessages(prefix: RegistrationForm.errorKeyPrefix))
        var walkInValues = form.form.values(problems: form.problems, texts: texts, language: language)
        walkInValues["isNameRequired"] = false
        // Each showing of the form is one walk-in to count.
        walkInValues["idempotencyKey"] = AppealFormInput.newIdempotencyKey()
        values["walkIn"] = walkInValues
        values["isWalkInOpen"] = walkIn != nil
        return renderer.page(
            "staff_event_door", title: texts["staff_door_title"] ?? "", values: values, status: status, request: request, context: context, hasForm: true)
    }

    /// The template values of how full an event is.
    static func values(of summary: EventsWire.RegistrationSummary) -> [String: Any] {
        var values: [String: Any] = ["placesTaken": summary.placesTaken, "waitlisted": summary.waitlisted, "isModerated": summary.moderated]
        values["capacity"] = summary.capacity > 0 ? summary.capacity : nil
        return values
    }
}
