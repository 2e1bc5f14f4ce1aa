import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/events/{id}/invitations`: staff who run the event invite duty-bearers and speakers, record
/// their answers (with history) and whether they came; whoever sees the event reads the counts.
struct InvitationController {
    let workflow: EventWorkflow
    let invitations: InvitationRepository
    let idempotency: IdempotencyMiddleware
    let organizationCheck: OrganizationCheck
    let now: @Sendable () -> Date

    init(_ components: EventsComponents) {
        workflow = components.workflow
        invitations = components.invitations
        organizationCheck = components.organizationCheck
        idempotency = components.idempotency
        now = components.now
    }

    func register(on router: ServiceRouter) {
        let list = router.group("/api/v1/events/{id}/invitations")
        list.get(use: self.list)
        list.add(middleware: idempotency).post(use: create)
        list.get("summary", use: summary)
        list.get("{invitationId}", use: get)
        list.post("{invitationId}/rsvp", use: respond)
        list.put("{invitationId}/attendance", use: markAttendance)
    }

    @Sendable func summary(_ request: Request, context: ServiceRequestContext) async throws -> InvitationRepository.Counts {
        let event = try await workflow.load(context.eventID, for: try context.requireIdentity())
        return try await invitations.counts(of: event.id)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<InvitationDocument> {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        return try await invitations.list(of: caller.event.id, page: try request.pageRequest()).map { InvitationDocument($0) }
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (_, invitation) = try await load(context)
        return try .json(InvitationDocument(invitation, history: try await invitations.history(of: invitation.id)), eTag: invitation.eTag)
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: NewInvitation.self, context: context)
        try input.validate()
        guard !caller.event.status.isFinal else { throw ServiceError.eventIsFinal(caller.event.status) }
        try await organizationCheck.require(input.organizationId.map { [("organizationId", $0)] } ?? [])
        guard try await invitations.count(of: caller.event.id) < InvitationLimits.maxPerEvent else { throw ServiceError.invitationsFull }
        let now = now()
        let invitation = Invitation(
            id: .v7(at: now), eventID: caller.event.id, inviteeName: input.inviteeName?.nilIfBlank, organizationID: input.organizationId,
            role: input.role, rsvp: .sent, attendance: nil, createdAt: now, updatedAt: now, version: 1)
        try await invitations.insert(invitation, actor: caller.principal.subject)
        return try .json(InvitationDocument(invitation, history: try await invitations.history(of: invitation.id)), status: .created, eTag: invitation.eTag)
    }

    /// Records the invitee's answer; `If-Match` names the version answered, as every single change does.
    @Sendable func respond(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (caller, invitation) = try await load(context, ifMatch: request)
        let input = try await request.decodeJSON(as: RSVPInput.self, context: context)
        try input.validate()
        guard invitation.rsvp.allowedTransitions.contains(input.rsvp) else {
            throw ServiceError.illegalRSVP(from: invitation.rsvp, allowed: invitation.rsvp.allowedTransitions)
        }
        var changed = invitation
        changed.rsvp = input.rsvp
        return try await save(
            changed, was: invitation, by: caller,
            entry: .init(
                occurredAt: now(), actor: caller.principal.subject, action: "rsvp", from: invitation.rsvp.rawValue, to: input.rsvp.rawValue, note: input.note))
    }

    /// Whether the invitee came: from the day of the event (registration open or closed) until its report.
    /// `If-Match` names the version marked.
    @Sendable func markAttendance(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (caller, invitation) = try await load(context, ifMatch: request)
        let input = try await request.decodeJSON(as: AttendanceInput.self, context: context)
        guard Attendance.takenAt.contains(caller.event.status) else {
            throw ServiceError.attendanceNotOpen(caller.event.status, takenWhile: Attendance.takenAt)
        }
        var changed = invitation
        changed.attendance = input.attendance
        return try await save(
            changed, was: invitation, by: caller,
            entry: .init(
                occurredAt: now(), actor: caller.principal.subject, action: "attendance", from: invitation.attendance?.rawValue,
                to: input.attendance.rawValue))
    }

    /// The invitation of the path, for those who run its event. With `ifMatch`, a change: refused without
    /// `If-Match` (428) before anything is looked up, and when it names another version (412).
    private func load(_ context: ServiceRequestContext, ifMatch request: Request? = nil) async throws -> (EventWorkflow.Authorized, Invitation) {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        if let request { try request.requireIfMatch() }
        guard let id = context.parameters.get("invitationId", as: UUID.self), let invitation = try await invitations.find(id, of: caller.event.id) else {
            throw ServiceError.notFound("invitation")
        }
        try request?.checkIfMatch(currentETag: invitation.eTag)
        return (caller, invitation)
    }

    private func save(
        _ changed: Invitation, was original: Invitation, by caller: EventWorkflow.Authorized, entry: InvitationRepository.Entry
    ) async throws -> Response {
        guard !caller.event.status.isFinal else { throw ServiceError.eventIsFinal(caller.event.status) }
        var changed = changed
        changed.version += 1
        changed.updatedAt = entry.occurredAt
        guard try await invitations.update(changed, expectedVersion: original.version, entry: entry) else { throw ServiceError.staleVersion }
        return try .json(InvitationDocument(changed, history: try await invitations.history(of: changed.id)), eTag: changed.eTag)
    }
}

/// An invitation as staff see it, with its history when one invitation is read.
struct InvitationDocument: Codable, Sendable, ResponseEncodable {
    var id: UUID
    var eventId: UUID
    var inviteeName: String?
    var organizationId: UUID?
    var role: InvitationRole
    var rsvp: RSVP
    var attendance: Attendance?
    var createdAt: Date
    var updatedAt: Date
    /// The version a change names in `If-Match` (as the ETag `"<version>"`).
    var version: Int
    var history: [InvitationRepository.Entry]?

    init(_ invitation: Invitation, history: [InvitationRepository.Entry]? = nil) {
        id = invitation.id
        eventId = invitation.eventID
        inviteeName = invitation.inviteeName
        organizationId = invitation.organizationID
        role = invitation.role
        rsvp = invitation.rsvp
        attendance = invitation.attendance
        createdAt = invitation.createdAt
        updatedAt = invitation.updatedAt
        version = invitation.version
        self.history = history
    }
}

extension InvitationRepository.Counts: ResponseEncodable {}

extension Attendance {
    /// The event's states in which attendance is taken: at the door while registration is open or closed,
    /// and afterwards until its report is done.
    static let takenAt: [EventStatus] = [.registrationOpen, .registrationClosed, .held, .reportPending]
}
