import Foundation
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension PublicEventsController {
    /// The event's page: its facts and agenda, and while registration is open how full it is and the registration
    /// form, with `form`'s input and `problems` by their fields when a registration came back.
    func eventPage(
        _ id: UUID, form: RegistrationForm = RegistrationForm(), problems: FieldMessages = FieldMessages(prefix: RegistrationForm.errorKeyPrefix),
        status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async throws -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let path = "/api/v1/events/\(id.uuidString.lowercased())"
        async let eventRead = api.get(EventsWire.service, path, as: EventsWire.Event.self, context: context)
        async let agendaRead = api.get(EventsWire.service, path + "/agenda", as: EventsWire.Agenda.self, context: context)
        async let summaryRead = api.get(EventsWire.service, path + "/registrations/summary", as: EventsWire.RegistrationSummary.self, context: context)
        async let recommendationsRead = api.get(EventsWire.service, path + "/recommendations", as: EventsWire.RecommendationList.self, context: context)
        switch await eventRead {
        case .success(let event, _):
            var values = EventValues.of(event, texts: texts, language: language)
            if case .success(let agenda, _) = await agendaRead {
                values["agenda"] = EventValues.of(agenda.items, language: language)
                values["hasAgenda"] = !agenda.items.isEmpty
            }
            // The duty-bearers its recommendations are addressed to, each once in the order first named, with their scorecards.
            var dutyBearers: [UUID] = []
            if case .success(let made, _) = await recommendationsRead {
                for id in made.items.map(\.dutyBearerId) where !dutyBearers.contains(id) { dutyBearers.append(id) }
            }
            let names = await directory.lookUpNames([event.organizerId] + dutyBearers, language)
            let dutyBearerLinks = dutyBearers.compactMap { id in
                names[id].map { ["name": $0, "scorecard": "/events/scorecard?dutyBearer=\(id.uuidString.lowercased())"] }
            }
            values["dutyBearers"] = dutyBearerLinks
            values["hasDutyBearers"] = !dutyBearerLinks.isEmpty
            values["organizer"] = names[event.organizerId]
            values["organizerId"] = event.organizerId.uuidString.lowercased()
            let isOpen = event.status == .registrationOpen
            if isOpen {
                var registration = form.values(problems: problems, texts: texts, language: language)
                registration["action"] = "/events/\(id.uuidString.lowercased())/register"
                registration["isNameRequired"] = true
                if case .success(let summary, _) = await summaryRead {
                    registration["isModerated"] = summary.moderated
                    registration["placesLeft"] = summary.placesLeft
                    registration["isFull"] = summary.placesLeft == 0
                }
                values["registration"] = registration
            } else {
                // A registration sent just as registration closed: said where the form was.
                values["registrationNotice"] = problems.form.flatMap { texts[$0] }
            }
            return renderer.page(
                "event_detail", title: values["title"] as? String ?? "", values: values, status: status, request: request, context: context,
                hasForm: isOpen)
        case .problem(let problem) where [400, 403, 404].contains(problem.status):
            throw HTTPError(.notFound)
        case .problem, .unavailable:
            return unavailable(request: request, context: context)
        }
    }

    /// `POST /events/{id}/register`: registers the visitor under the form's idempotency key and answers with the
    /// receipt (this POST's own answer, never stored, so the code is in no address); or the event's page again,
    /// everything typed kept and the messages by their fields in the visitor's language.
    @Sendable func registration(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let form = RegistrationForm(fields)
        var problems: FieldMessages
        let status: HTTPResponse.Status
        switch form.body(eventID: id, isNameRequired: true) {
        case .failure(let found):
            problems = found
            status = .unprocessableContent
        case .success(let body):
            let outcome = try await send(body, idempotencyKey: form.idempotencyKey, context: context)
            switch outcome {
            case .success(let receipt, _):
                let browser = SiteCookie.value(FormProtection.cookieName, in: request, isOverHTTPS: context.isOverHTTPS) ?? ""
                var code = receipt.registrationCode
                if let key = form.idempotencyKey {
                    if let code { receipts.remember(code, idempotencyKey: key, browser: browser) }
                    code = code ?? receipts.code(idempotencyKey: key, browser: browser)
                }
                return try await receiptPage(receipt, code: code, request: request, context: context)
            case .problem(let problem) where problem.status == 404:
                throw HTTPError(.notFound)
            case .problem(let problem):
                problems = FieldMessages(
                    problem, known: RegistrationForm.fieldsWithMessages, mapping: RegistrationForm.formFieldOfAPIField,
                    prefix: RegistrationForm.errorKeyPrefix)
                problems.form =
                    Self.registrationProblemKeys[problem.code] ?? (problem.status == 429 ? "event_registration_throttled" : "event_registration_not_sent")
                status = HTTPResponse.Status(code: problem.status)
            case .unavailable:
                return unavailable(request: request, context: context)
            }
        }
        if problems.form == "staff_problem_validation_failed" { problems.form = "event_registration_problems" }
        return try await eventPage(id, form: form, problems: problems, status: status, request: request, context: context)
    }

    /// The API's refusals of a registration as a whole, each with its text.
    static let registrationProblemKeys = [
        "validation_failed": "event_registration_problems", "registration_not_open": "event_registration_closed",
    ]

    /// Sends `body` under `idempotencyKey`; while the same form's first sending is still being handled (a double
    /// click), waits for it, so that this answer is its replay instead of a refusal.
    private func send(_ body: EventsWire.NewRegistration, idempotencyKey: String?, context: ServiceRequestContext) async throws
        -> PageAPI.Outcome<EventsWire.RegistrationReceipt>
    {
        var headers = HTTPHeaders()
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        let path = "/api/v1/events/registrations"
        var outcome = await api.send(.POST, EventsWire.service, path, json: body, headers: headers, as: EventsWire.RegistrationReceipt.self, context: context)
        for _ in 0..<PublicAppealsController.inFlightWaits {
            guard case .problem(let problem) = outcome, problem.code == ServiceError.idempotencyKeyInFlight.code else { break }
            try await Task.sleep(for: PublicAppealsController.inFlightWait)
            outcome = await api.send(.POST, EventsWire.service, path, json: body, headers: headers, as: EventsWire.RegistrationReceipt.self, context: context)
        }
        return outcome
    }

    /// The receipt: where the registration stands in words, the code large and grouped in a field to copy, and the
    /// check-in pass as text to show at the door; without `code` (a replay whose code this replica no longer holds),
    /// a notice that the registration was received once.
    func receiptPage(_ receipt: EventsWire.RegistrationReceipt, code: String?, request: Request, context: ServiceRequestContext) async throws
        -> Response
    {
        let texts = renderer.texts(for: request)
        var values = await statusValues(
            eventID: receipt.eventId, status: receipt.status, waitlistPosition: receipt.waitlistPosition, request: request, context: context)
        if let code {
            values["code"] = code
            values["codeGroups"] = code.split(separator: "-").map(String.init)
        }
        values["pass"] = receipt.checkInPass
        return renderer.page("event_registration_receipt", title: texts["event_receipt_title"] ?? "", values: values, request: request, context: context)
    }

    /// The values saying where a registration stands, with its event's title and time when the event can be read.
    func statusValues(
        eventID: UUID, status: EventsWire.RegistrationState, waitlistPosition: Int?, attendance: EventsWire.Attendance? = nil, request: Request,
        context: ServiceRequestContext
    ) async -> [String: Any] {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values: [String: Any] = [
            "status": texts[status.textKey] ?? "", "statusExplanation": texts[status.textKey + "_explanation"] ?? "", "statusCode": status.rawValue,
            "eventId": eventID.uuidString.lowercased(),
        ]
        values["waitlistPosition"] = status == .waitlisted ? waitlistPosition : nil
        values["attendance"] = attendance.flatMap { texts[$0.textKey] }
        let path = "/api/v1/events/\(eventID.uuidString.lowercased())"
        if case .success(let event, _) = await api.get(EventsWire.service, path, as: EventsWire.Event.self, context: context) {
            let shown = EventValues.of(event, texts: texts, language: language)
            for key in ["title", "titleLanguage", "startsAt", "startsAtText"] { values["event_\(key)"] = shown[key] }
        }
        return values
    }
}
