import Foundation
import Models
import ServiceKit

/// Everything the events controllers use, built once from ``ServiceDependencies``: one repository per
/// table group and the workflow. Controllers take what they need from here and never hold one another.
struct EventsComponents: Sendable {
    /// The time now (history, publication); the dependencies' clock, so tests can move it.
    let now: @Sendable () -> Date
    let idempotency: IdempotencyMiddleware
    let events: EventRepository
    let history: EventHistoryRepository
    let agenda: AgendaRepository
    let occurrences: OccurrenceRepository
    let workflow: EventWorkflow
    let reports: ReportWorkflow
    let recommendations: RecommendationWorkflow
    let registrationSecrets: RegistrationSecrets
    let registrations: RegistrationRepository
    let registrationBook: RegistrationBook
    let invitations: InvitationRepository
    let attendanceBook: AttendanceBook
    /// Checks organisation IDs against the gateway's directory (or the one tests give).
    let organizationCheck: OrganizationCheck

    init(
        _ dependencies: ServiceDependencies, factReceivers: @escaping @Sendable (_ messageType: String) -> [String], organizations: OrganizationSource
    ) throws {
        let database = dependencies.database
        now = dependencies.now
        idempotency = dependencies.idempotency
        events = EventRepository(database: database)
        history = EventHistoryRepository(database: database)
        agenda = AgendaRepository(database: database)
        occurrences = OccurrenceRepository(database: database)
        let facts = EventFacts(outbox: dependencies.outbox) { factReceivers($0.rawValue) }
        workflow = EventWorkflow(events: events, history: history, agenda: agenda, occurrences: occurrences, facts: facts, now: now)
        registrationSecrets = try RegistrationSecrets(reader: dependencies.reader)
        registrations = RegistrationRepository(database: database, cipher: registrationSecrets.cipher)
        reports = ReportWorkflow(
            reports: ReportRepository(database: database), events: events, eventHistory: history, registrations: registrations, now: now)
        recommendations = RecommendationWorkflow(
            recommendations: RecommendationRepository(database: database), events: workflow, facts: facts, now: now)
        let queues = EventQueues()
        registrationBook = RegistrationBook(registrations: registrations, events: events, secrets: registrationSecrets, queues: queues, now: now)
        invitations = InvitationRepository(database: database)
        organizationCheck = OrganizationCheck(directory: try organizations.directory(dependencies))
        attendanceBook = AttendanceBook(registrations: registrations, secrets: registrationSecrets, queues: queues, now: now)
    }
}
