import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// Registrations: the public registers at `/api/v1/events/registrations`, and looks a registration up or
/// withdraws it with its code; at `/api/v1/events/{id}/registrations` staff who run the event list, read and
/// decide on registrations, with the person's data, and set the capacity; whoever sees the event reads how full it is.
struct RegistrationController {
    let workflow: EventWorkflow
    let registrations: RegistrationRepository
    let book: RegistrationBook
    let idempotency: IdempotencyMiddleware

    init(_ components: EventsComponents) {
        workflow = components.workflow
        registrations = components.registrations
        book = components.registrationBook
        idempotency = components.idempotency
    }

    func register(on router: ServiceRouter) {
        // The public's routes name no event in their path, so the gateway's edge rules can open exactly them:
        // a registration names its event in the body, and a code alone finds its registration.
        let desk = router.group("/api/v1/events/registrations")
        // The receipt holds the code, shown once: never cached, never kept for a replay.
        desk.add(middleware: NoStoreMiddleware()).add(middleware: idempotency).post(use: create)
        desk.group("withdraw").add(middleware: NoStoreMiddleware()).post(use: withdraw)
        desk.group("lookup").add(middleware: NoStoreMiddleware()).post(use: lookup)
        let list = router.group("/api/v1/events/{id}/registrations")
        list.get(use: self.list)
        list.get("summary", use: summary)
        list.get("{registrationId}", use: get)
        list.get("{registrationId}/history", use: historyOf)
        list.post("{registrationId}/decision", use: decide)
        router.group("/api/v1/events/{id}/registration-settings").put(use: configure)
    }

    // MARK: The public

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let input = try await request.decodeJSON(as: NewRegistration.self, context: context)
        guard let eventID = input.eventId else { throw ServiceError.validationFailed(["eventId": "is required"]) }
        let event = try await workflow.load(eventID, for: identity)
        let participant = try input.participant(nameRequired: true)
        let receipt = try await book.register(participant, showAttendance: input.showAttendance ?? false, for: event)
        return try .json(receipt, status: .created).withSecretFields(["registrationCode", "checkInPass"])
    }

    @Sendable func summary(_ request: Request, context: ServiceRequestContext) async throws -> RegistrationSummaryDocument {
        let event = try await workflow.load(context.eventID, for: try context.requireIdentity())
        let settings = try await registrations.settings(of: event.id)
        let taken = try await registrations.placesTaken(of: event.id)
        return RegistrationSummaryDocument(
            capacity: settings.capacity, moderated: settings.moderated, placesTaken: taken,
            placesLeft: settings.capacity == 0 ? nil : max(0, settings.capacity - taken),
            waitlisted: try await registrations.waitlisted(of: event.id), isOpen: event.status == .registrationOpen)
    }

    /// Where a registration stands, for whoever holds its code.
    @Sendable func lookup(_ request: Request, context: ServiceRequestContext) async throws -> RegistrationStatusDocument {
        let identity = try context.requireIdentity()
        let code = try await request.decodeJSON(as: RegistrationCodeInput.self, context: context).canonical()
        return try await statusDocument(try await book.registration(code: code, for: identity).registration)
    }

    @Sendable func withdraw(_ request: Request, context: ServiceRequestContext) async throws -> RegistrationStatusDocument {
        let identity = try context.requireIdentity()
        let code = try await request.decodeJSON(as: RegistrationCodeInput.self, context: context).canonical()
        return try await statusDocument(try await book.withdraw(code: code, for: identity))
    }

    private func statusDocument(_ registration: Registration) async throws -> RegistrationStatusDocument {
        RegistrationStatusDocument(
            id: registration.id, eventId: registration.eventID, status: registration.status,
            waitlistPosition: try await registrations.waitlistPosition(of: registration), attendance: registration.attendance)
    }

    // MARK: Staff who run the event

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<RegistrationDocument> {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let statuses: [RegistrationStatus] = try request.enumListQuery("status") ?? []
        return try await registrations.list(of: caller.event.id, statuses: statuses, page: try request.pageRequest()).map {
            RegistrationDocument($0)
        }
    }

    /// One registration with its ETag, which a decision or an attendance mark names in `If-Match`.
    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (_, registration) = try await load(context)
        return try RegistrationDocument.response(registration, waitlistPosition: try await registrations.waitlistPosition(of: registration))
    }

    /// Who registered, decided, checked in and marked it, and the waitlist's moves: for staff who run the event.
    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> RegistrationHistoryDocument {
        let (_, registration) = try await load(context)
        return RegistrationHistoryDocument(entries: try await registrations.history(of: registration.id))
    }

    @Sendable func decide(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        guard let id = context.registrationID else { throw ServiceError.notFound("registration") }
        try request.requireIfMatch()
        let decision = try await request.decodeJSON(as: RegistrationDecision.self, context: context)
        let registration = try await book.decide(
            decision, on: id, of: caller.event, by: caller.principal.subject, ifMatch: request.checkIfMatch(currentETag:))
        return try RegistrationDocument.response(registration)
    }

    /// The registration of the path's event, for staff who run it; 404 when there is none.
    private func load(_ context: ServiceRequestContext) async throws -> (EventWorkflow.Authorized, Registration) {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        guard let id = context.registrationID, let registration = try await registrations.find(id, of: caller.event.id) else {
            throw ServiceError.notFound("registration")
        }
        return (caller, registration)
    }

    @Sendable func configure(_ request: Request, context: ServiceRequestContext) async throws -> RegistrationRepository.Settings {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: RegistrationSettingsInput.self, context: context)
        try input.validate()
        return try await book.configure(.init(capacity: input.capacity, moderated: input.moderated), of: caller.event)
    }
}

extension ServiceRequestContext {
    /// The `{registrationId}` of a registration's path, or `nil` when it is not a UUID (answered as 404).
    var registrationID: UUID? { parameters.get("registrationId", as: UUID.self) }
}

extension Request {
    /// 428 unless `If-Match` is there: checked before the registration is read under its event's lock, so a
    /// change without a version is refused first, whatever else is wrong with it.
    func requireIfMatch() throws {
        guard headers[.ifMatch] != nil else { throw ServiceError.preconditionRequired }
    }
}
