import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// The capacities the API accepts; 0 means unlimited (`RegistrationLimits.capacity`, stated in its OpenAPI document).
    static let capacities = 0...100_000
    /// The catalogue keys of the settings form's messages start with this, then the field's name.
    static let settingsErrorPrefix = "events_s21_settings_error_"

    /// `POST /staff/events/{id}/registration-settings`: the event's capacity and whether staff confirm each
    /// registration, and back to the event's page; the page again with the messages by the form when refused.
    @Sendable func registrationSettings(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id)) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        func again(_ problems: FieldMessages, status: HTTPResponse.Status) async -> Response {
            await page(id, settings: (fields, problems), status: status, request: request, context: context)
        }
        guard let capacity = fields.trimmed("capacity").flatMap({ Int($0) }), Self.capacities.contains(capacity) else {
            var problems = FieldMessages(prefix: Self.settingsErrorPrefix)
            problems.add("capacity")
            return await again(problems, status: .unprocessableContent)
        }
        let body = EventsWire.RegistrationSettings(capacity: capacity, moderated: fields.isChecked("moderated"))
        let path = "/api/v1/events/\(id.uuidString.lowercased())/registration-settings"
        switch await api.send(.PUT, EventsWire.service, path, json: body, as: NoContent.self, context: context) {
        case .success: return renderer.redirect(to: Self.path(of: id))
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem) where problem.status == 422:
            return await again(FieldMessages(problem, known: ["capacity"], mapping: [:], prefix: Self.settingsErrorPrefix), status: .unprocessableContent)
        case .problem(let problem) where problem.status == 409:
            var problems = FieldMessages(prefix: Self.settingsErrorPrefix)
            problems.form = "events_s21_settings_final"
            return await again(problems, status: .conflict)
        case .problem(let problem): return failure(problem, request: request, context: context)
        }
    }

    /// The settings form's values: what the event has now (or what was sent back), and the messages.
    func settingsValues(
        _ summary: EventsWire.RegistrationSummary?, returned: (fields: FormFields, problems: FieldMessages)?, texts: [String: String]
    ) -> [String: Any] {
        var values = (returned?.problems ?? FieldMessages(prefix: Self.settingsErrorPrefix)).values(texts: texts)
        values["value_capacity"] = returned.map { $0.fields["capacity"] ?? "" } ?? summary.map { String($0.capacity) } ?? "0"
        values["isModerated"] = returned.map { $0.fields.isChecked("moderated") } ?? summary?.moderated ?? false
        values["isOpen"] = returned != nil
        return values
    }
}

extension EventsWire {
    /// `PUT …/registration-settings`' body.
    struct RegistrationSettings: Encodable, Sendable {
        var capacity: Int
        var moderated: Bool
    }
}
