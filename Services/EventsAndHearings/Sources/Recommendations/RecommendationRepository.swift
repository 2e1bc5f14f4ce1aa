import Foundation
import Models
import Persistence
import SQLKit

/// Stores recommendations and their history: the only code that knows `recommendations` and
/// `recommendation_history`.
struct RecommendationRepository: Sendable {
    let database: Database

    /// One history entry: every change of status or progress, with its evidence.
    struct Entry: Codable, Equatable, Sendable {
        var id: UUID
        var occurredAt: Date
        /// Who recorded it; shown to those who run the event only.
        var actor: String?
        var from: RecommendationStatus?
        var to: RecommendationStatus
        var progress: Int
        var evidence: Evidence?
        var note: String?
    }

    func find(_ id: UUID) async throws -> Recommendation? {
        try await database.sql.raw("SELECT * FROM recommendations WHERE id = \(bind: id.text)").first().map(recommendation)
    }

    /// The event's recommendations, in the order they were made.
    func list(eventID: UUID) async throws -> [Recommendation] {
        try await database.sql.raw(
            "SELECT * FROM recommendations WHERE event_id = \(bind: eventID.text) ORDER BY created_at, id LIMIT \(literal: RecommendationLimits.maxPerEvent)"
        ).all().map(recommendation)
    }

    /// How many recommendations the event has, read on `session`.
    func count(eventID: UUID, on session: any SQLDatabase) async throws -> Int {
        let row = try await session.raw("SELECT COUNT(*) AS n FROM recommendations WHERE event_id = \(bind: eventID.text)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    func insertStatement(_ recommendation: Recommendation) throws -> SQLQueryString {
        """
        INSERT INTO recommendations (
            id, event_id, text, duty_bearer_id, due_on, status, progress, first_response_at, created_by_subject, created_at, updated_at, version
        ) VALUES (
            \(bind: recommendation.id.text), \(bind: recommendation.eventID.text), \(bind: try EventRepository.json(recommendation.text)),
            \(bind: recommendation.dutyBearerID.text), \(bind: recommendation.dueOn), \(bind: recommendation.status.rawValue),
            \(bind: recommendation.progress), \(bind: recommendation.firstResponseAt?.epochMilliseconds), \(bind: recommendation.createdBySubject),
            \(bind: recommendation.createdAt.epochMilliseconds), \(bind: recommendation.updatedAt.epochMilliseconds), \(bind: recommendation.version)
        )
        """
    }

    /// Saves `recommendation`'s status and progress if it is still at `expectedVersion`.
    func update(_ recommendation: Recommendation, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let updated = try await session.raw(
            """
            UPDATE recommendations SET
                status = \(bind: recommendation.status.rawValue), progress = \(bind: recommendation.progress),
                first_response_at = \(bind: recommendation.firstResponseAt?.epochMilliseconds),
                updated_at = \(bind: recommendation.updatedAt.epochMilliseconds), version = \(bind: recommendation.version)
            WHERE id = \(bind: recommendation.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    /// The statement that appends one entry to a recommendation's history.
    func appendStatement(
        to id: UUID, actor: String, from: RecommendationStatus?, to: RecommendationStatus, progress: Int, evidence: Evidence?, note: String?,
        at now: Date
    ) throws -> SQLQueryString {
        """
        INSERT INTO recommendation_history (id, recommendation_id, occurred_at, actor, from_status, to_status, progress, evidence, note)
        VALUES (\(bind: UUID.v7(at: now).text), \(bind: id.text), \(bind: now.epochMilliseconds), \(bind: actor), \(bind: from?.rawValue),
                \(bind: to.rawValue), \(bind: progress), \(bind: try evidence.map(EventRepository.json)), \(bind: note))
        """
    }

    /// A recommendation's whole history, oldest first.
    func entries(for id: UUID) async throws -> [Entry] {
        try await database.sql.raw(
            "SELECT * FROM recommendation_history WHERE recommendation_id = \(bind: id.text) ORDER BY occurred_at, id"
        ).all().map { row in
            Entry(
                id: try row.uuid("id"), occurredAt: try row.date("occurred_at"), actor: try row.decode(column: "actor", as: String.self),
                from: try row.decode(column: "from_status", as: String?.self).flatMap(RecommendationStatus.init(rawValue:)),
                to: try row.enumeration("to_status"), progress: try row.decode(column: "progress", as: Int.self),
                evidence: try row.decode(column: "evidence", as: String?.self).map { try EventRepository.decode(Evidence.self, $0) },
                note: try row.decode(column: "note", as: String?.self))
        }
    }

    func recommendation(_ row: any SQLRow) throws -> Recommendation {
        Recommendation(
            id: try row.uuid("id"), eventID: try row.uuid("event_id"),
            text: try EventRepository.decode(LocalizedText.self, try row.decode(column: "text", as: String.self)),
            dutyBearerID: try row.uuid("duty_bearer_id"), dueOn: try row.decode(column: "due_on", as: String.self),
            status: try row.enumeration("status"), progress: try row.decode(column: "progress", as: Int.self),
            firstResponseAt: try row.optionalDate("first_response_at"),
            createdBySubject: try row.decode(column: "created_by_subject", as: String.self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), version: try row.decode(column: "version", as: Int.self))
    }
}

extension RecommendationRepository {
    /// What a scorecard counts of one recommendation.
    struct ScorecardRow: Sendable {
        var status: RecommendationStatus
        var dueOn: String
        var createdAt: Date
        var firstResponseAt: Date?
    }

    /// The recommendations addressed to `dutyBearer`, or made at events `council` organises; of published
    /// public events only when `publicOnly`.
    func scorecardRows(dutyBearer: UUID?, council: UUID?, publicOnly: Bool) async throws -> [ScorecardRow] {
        var query = SQLQueryString(
            """
            SELECT r.status, r.due_on, r.created_at, r.first_response_at FROM recommendations r JOIN events e ON e.id = r.event_id WHERE 1 = 1
            """)
        if let dutyBearer { query += " AND r.duty_bearer_id = \(bind: dutyBearer.text)" }
        if let council { query += " AND e.organizer_id = \(bind: council.text)" }
        if publicOnly { query += " AND e.visibility = \(bind: EventVisibility.public.rawValue) AND e.published_at IS NOT NULL" }
        return try await database.sql.raw(query).all().map { row in
            ScorecardRow(
                status: try row.enumeration("status"), dueOn: try row.decode(column: "due_on", as: String.self),
                createdAt: try row.date("created_at"), firstResponseAt: try row.optionalDate("first_response_at"))
        }
    }
}
