import Foundation
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension PublicEventsController {
    /// The longest code passed on to the API (its own bound); a longer one is no code.
    static let maxRegistrationCodeLength = 40

    /// `GET /events/registration`: the form asking for the registration code.
    @Sendable func lookupForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        lookupPage(request: request, context: context)
    }

    /// `POST /events/registration`: where the registration stands, asked with the code in the body, so the code is in
    /// no address; with the form to withdraw while it still counts.
    @Sendable func lookup(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try await byCode(request, context: context, apiPath: "/api/v1/events/registrations/lookup")
    }

    /// `POST /events/registration/withdraw`: withdraws the registration of the code, whose place goes to the first
    /// waitlisted, and shows it withdrawn.
    @Sendable func withdraw(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try await byCode(request, context: context, apiPath: "/api/v1/events/registrations/withdraw", isWithdrawal: true)
    }

    private func byCode(_ request: Request, context: ServiceRequestContext, apiPath: String, isWithdrawal: Bool = false) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let typed = fields["code"] ?? ""
        guard let code = fields.trimmed("code") else {
            return lookupPage(code: typed, messageKey: "event_lookup_error_missing", status: .unprocessableContent, request: request, context: context)
        }
        guard code.count <= Self.maxRegistrationCodeLength else {
            return lookupPage(code: typed, messageKey: "event_lookup_error_unknown", status: .notFound, request: request, context: context)
        }
        let outcome = await api.send(
            .POST, EventsWire.service, apiPath, json: EventsWire.RegistrationCode(code: code), as: EventsWire.RegistrationStatusView.self, context: context)
        switch outcome {
        case .success(let view, _):
            var values = await statusValues(
                eventID: view.eventId, status: view.status, waitlistPosition: view.waitlistPosition, attendance: view.attendance, request: request,
                context: context)
            values["code"] = code
            values["mayWithdraw"] = view.status.isActive && view.attendance == nil
            values["isWithdrawn"] = isWithdrawal
            let texts = renderer.texts(for: request)
            return renderer.page(
                "event_registration_status", title: texts["event_lookup_status_title"] ?? "", values: values, request: request, context: context,
                hasForm: true)
        case .problem(let problem) where problem.status == 429:
            return lookupPage(code: typed, messageKey: "event_lookup_error_throttled", status: .tooManyRequests, request: request, context: context)
        case .problem(let problem) where problem.status == 409:
            let key = problem.code == "registrations_final" ? "event_lookup_error_final" : "event_lookup_error_inactive"
            return lookupPage(code: typed, messageKey: key, status: .conflict, request: request, context: context)
        case .problem:
            return lookupPage(code: typed, messageKey: "event_lookup_error_unknown", status: .notFound, request: request, context: context)
        case .unavailable:
            return unavailable(request: request, context: context)
        }
    }

    private func lookupPage(
        code: String = "", messageKey: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) -> Response {
        let texts = renderer.texts(for: request)
        var values: [String: Any] = ["code": code]
        values["error"] = messageKey.flatMap { texts[$0] }
        return renderer.page(
            "event_registration_lookup", title: texts["event_lookup_title"] ?? "", values: values, status: status, request: request, context: context,
            hasForm: true)
    }
}
