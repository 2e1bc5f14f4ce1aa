import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The facts events-and-hearings tells other services (DESIGN.md §8), written to the outbox in the
/// transaction of the change they report, one message per service that receives the type. They carry
/// references, codes and public texts only: never a participant.
struct EventFacts: Sendable {
    /// The message types the service sends.
    enum Kind: String, CaseIterable, Sendable {
        /// The event took place (it moved to `held`).
        case held = "events.event.held"
        /// A recommendation's status changed.
        case recommendationStatusChanged = "events.recommendation.status_changed"
    }

    /// `events.event.held`.
    struct Held: Codable, Sendable, Equatable {
        let ref: Reference
        let type: EventType
        let title: LocalizedText
        /// Who may read the event: a receiver shows a `partners` or `internal` event to no one else.
        let visibility: EventVisibility
        let regionCode: Region?
        let organizerId: UUID
        /// The day it was held (`YYYY-MM-DD`, Bishkek), no finer.
        let heldOn: String
    }

    /// `events.recommendation.status_changed`.
    struct RecommendationStatusChanged: Codable, Sendable, Equatable {
        let ref: Reference
        /// The event it was made at.
        let event: Reference
        let dutyBearerId: UUID
        let from: RecommendationStatus
        let to: RecommendationStatus
        let progress: Int
        /// The day of the change (`YYYY-MM-DD`, Bishkek).
        let changedOn: String
    }

    let outbox: Outbox
    /// The services that receive a type; the catalog's by default, a test's receiver in tests.
    let receivers: @Sendable (Kind) -> [String]

    /// Writes `events.event.held` about `event`, on `session`.
    func recordHeld(_ event: Event, at now: Date, on session: any SQLDatabase) async throws {
        let details = event.details
        let payload = Held(
            ref: Self.reference(toEvent: event.id), type: details.type, title: details.title, visibility: details.visibility,
            regionCode: details.regionCode, organizerId: details.organizerId, heldOn: BishkekTime.day(of: details.startsAt))
        try await record(.held, aggregate: "event:\(event.id.text)", payload: payload, at: now, on: session)
    }

    /// Writes `events.recommendation.status_changed` about `recommendation`'s move from `from`, on `session`.
    func recordStatusChange(of recommendation: Recommendation, from: RecommendationStatus, at now: Date, on session: any SQLDatabase) async throws {
        let payload = RecommendationStatusChanged(
            ref: Reference(service: ServiceCatalog.eventsAndHearings.name, type: "recommendation", id: recommendation.id),
            event: Self.reference(toEvent: recommendation.eventID), dutyBearerId: recommendation.dutyBearerID, from: from,
            to: recommendation.status, progress: recommendation.progress, changedOn: BishkekTime.day(of: now))
        try await record(
            .recommendationStatusChanged, aggregate: "recommendation:\(recommendation.id.text)", payload: payload, at: now, on: session)
    }

    private func record(_ kind: Kind, aggregate: String, payload: some Encodable, at now: Date, on session: any SQLDatabase) async throws {
        let messages = try receivers(kind).map { receiver in
            try OutboxMessage(type: kind.rawValue, aggregate: aggregate, receiver: receiver, payload: payload, occurredAt: now)
        }
        try await outbox.enqueue(messages, on: session)
    }

    /// Sends what the committed transaction wrote without waiting for the next poll.
    func deliverSoon() {
        outbox.deliverSoon()
    }

    static func reference(toEvent id: UUID) -> Reference {
        Reference(service: ServiceCatalog.eventsAndHearings.name, type: "event", id: id)
    }
}
