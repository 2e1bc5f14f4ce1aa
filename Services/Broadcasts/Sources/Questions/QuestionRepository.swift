import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores questions: the only code that knows the `questions` table. The asker is sealed on the way in and
/// opened on the way out, here and nowhere else.
struct QuestionRepository: Sendable {
    let database: Database
    let cipher: FieldCipher

    /// The sealed field's name, bound into its ciphertext.
    private static let askerField = "asker"

    /// Locks the episode's row for the rest of the transaction, so one episode's changes (and their numbers
    /// in the live feed) are written one at a time. On PostgreSQL a row lock; SQLite's transactions already
    /// take its single write lock at `BEGIN IMMEDIATE`.
    func lockEpisode(_ episodeID: UUID, on session: any SQLDatabase) async throws -> EpisodeStatus? {
        let lock: SQLQueryString = database.kind == .postgres ? " FOR UPDATE" : ""
        let row = try await session.raw("SELECT status FROM episodes WHERE id = \(bind: episodeID.text)" + lock).first()
        return try row.map { try $0.enumeration("status") }
    }

    // MARK: Writing

    func insert(_ question: Question, receiptHash: String?, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO questions (
                id, episode_id, source, partner_organization_id, appeal_ref, original_text, public_text, language, region, topic,
                asker_sealed, receipt_hash, state, rejection_reason, merged_into, merge_count, queue_position, upvotes,
                deferred_from_episode_id, answered_at, created_by_subject, created_at, updated_at, version
            ) VALUES (
                \(bind: question.id.text), \(bind: question.episodeId.text), \(bind: question.source.rawValue),
                \(bind: question.partnerOrganizationId?.text), \(bind: question.appeal?.id.text), \(bind: question.originalText),
                \(bind: question.publicText), \(bind: question.language.rawValue), \(bind: question.region?.rawValue),
                \(bind: question.topic?.rawValue), \(bind: try seal(question.asker, of: question.id)), \(bind: receiptHash),
                \(bind: question.state.rawValue), \(bind: question.rejectionReason), \(bind: question.mergedInto?.text),
                \(bind: question.mergeCount), \(bind: question.queuePosition), \(bind: question.upvotes),
                \(bind: question.deferredFromEpisodeId?.text), \(bind: question.answeredAt?.epochMilliseconds),
                \(bind: question.createdBySubject), \(bind: question.createdAt.epochMilliseconds),
                \(bind: question.updatedAt.epochMilliseconds), \(bind: question.version)
            )
            """
        ).run()
    }

    /// Saves what moderation changes, if the stored version is still `expectedVersion`; `false` when another
    /// change came first.
    func update(_ question: Question, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let updated = try await session.raw(
            """
            UPDATE questions SET
                episode_id = \(bind: question.episodeId.text), public_text = \(bind: question.publicText),
                state = \(bind: question.state.rawValue), rejection_reason = \(bind: question.rejectionReason),
                merged_into = \(bind: question.mergedInto?.text), queue_position = \(bind: question.queuePosition),
                deferred_from_episode_id = \(bind: question.deferredFromEpisodeId?.text),
                answered_at = \(bind: question.answeredAt?.epochMilliseconds), updated_at = \(bind: question.updatedAt.epochMilliseconds),
                version = \(bind: question.version)
            WHERE id = \(bind: question.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    /// The statement that counts one more question merged into `id`, for the merge's transaction.
    func countMergeStatement(into id: UUID, at now: Date) -> SQLQueryString {
        """
        UPDATE questions SET merge_count = merge_count + 1, updated_at = \(bind: now.epochMilliseconds), version = version + 1
        WHERE id = \(bind: id.text)
        """
    }

    /// The show's next episode after `episode` that may still take questions: the one a deferred question
    /// moves to; `nil` when none is planned.
    func nextEpisode(after episode: Episode) async throws -> UUID? {
        let open: [EpisodeStatus] = [.planned, .announced, .intakeOpen, .rescheduled]
        let row = try await database.sql.raw(
            """
            SELECT id FROM episodes
            WHERE show_id = \(bind: episode.showId.text) AND id <> \(bind: episode.id.text)
                AND starts_at > \(bind: episode.details.startsAt.epochMilliseconds) AND status IN (\(binds: open.map(\.rawValue)))
            ORDER BY starts_at, id LIMIT 1
            """
        ).first()
        return try row?.uuid("id")
    }

    // MARK: Reading

    func find(_ id: UUID, on session: (any SQLDatabase)? = nil) async throws -> Question? {
        try await (session ?? database.sql).raw("SELECT * FROM questions WHERE id = \(bind: id.text)").first().map(question)
    }

    /// The questions with `ids` that exist, in one query (the live stream's batch: at most its batch size).
    func find(_ ids: Set<UUID>) async throws -> [Question] {
        guard !ids.isEmpty else { return [] }
        return try await database.sql.raw("SELECT * FROM questions WHERE id IN (\(binds: ids.map(\.text)))").all().map(question)
    }

    func find(receiptHash: String) async throws -> Question? {
        try await database.sql.raw("SELECT * FROM questions WHERE receipt_hash = \(bind: receiptHash)").first().map(question)
    }

    /// Whether a question already holds the receipt hash (a new code is drawn then).
    func receiptTaken(_ hash: String, on session: any SQLDatabase) async throws -> Bool {
        try await session.raw("SELECT id FROM questions WHERE receipt_hash = \(bind: hash)").first() != nil
    }

    /// Whether `appealID` was already imported into the episode.
    func hasAppeal(_ appealID: UUID, in episodeID: UUID, on session: any SQLDatabase) async throws -> Bool {
        try await session.raw(
            "SELECT id FROM questions WHERE episode_id = \(bind: episodeID.text) AND appeal_ref = \(bind: appealID.text)"
        ).first() != nil
    }

    /// How many questions the episode holds.
    func count(in episodeID: UUID, on session: any SQLDatabase) async throws -> Int {
        let row = try await session.raw("SELECT COUNT(*) AS n FROM questions WHERE episode_id = \(bind: episodeID.text)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// A page of the episode's questions in `states` (all when empty): the moderator's queue order first
    /// (placed questions by position), then arrival.
    func list(in episodeID: UUID, states: [QuestionState], page: PageRequest) async throws -> Page<Question> {
        var query = SQLQueryString("SELECT * FROM questions WHERE episode_id = \(bind: episodeID.text)")
        if !states.isEmpty { query += " AND state IN (\(binds: states.map(\.rawValue)))" }
        // Unplaced questions sort after every position.
        let order: SQLQueryString = "COALESCE(queue_position, \(literal: Int64.max))"
        if let cursor = page.cursor {
            // A cursor this list issued holds "position:created"; anything else was refused by the cursor's decoding.
            let parts = cursor.key.split(separator: ":").compactMap { Int64($0) }
            let position = parts.first ?? .min
            let created = parts.count > 1 ? parts[1] : .min
            query += " AND (" + order + " > \(bind: position) OR (" + order + " = \(bind: position) AND (created_at > \(bind: created)"
            query += " OR (created_at = \(bind: created) AND id > \(bind: cursor.id.text)))))"
        }
        query += " ORDER BY " + order + ", created_at, id LIMIT \(literal: page.limit + 1)"
        let rows = try await database.sql.raw(query).all().map(question)
        return Page(fetched: rows, limit: page.limit) {
            Cursor(key: "\($0.queuePosition.map(Int64.init) ?? .max):\($0.createdAt.epochMilliseconds)", id: $0.id)
        }
    }

    func question(_ row: any SQLRow) throws -> Question {
        let id = try row.uuid("id")
        return Question(
            id: id, episodeId: try row.uuid("episode_id"), source: try row.enumeration("source"),
            partnerOrganizationId: try row.decode(column: "partner_organization_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            appeal: try row.decode(column: "appeal_ref", as: String?.self).flatMap(UUID.init(uuidString:)).map(Reference.appeal),
            originalText: try row.decode(column: "original_text", as: String.self),
            publicText: try row.decode(column: "public_text", as: String?.self), language: try row.enumeration("language"),
            region: try row.decode(column: "region", as: String?.self).flatMap(Region.init(rawValue:)),
            topic: try row.decode(column: "topic", as: String?.self).flatMap(RightsTopic.init(rawValue:)),
            asker: try row.decode(column: "asker_sealed", as: Data?.self).map { try open($0, of: id) },
            state: try row.enumeration("state"), rejectionReason: try row.decode(column: "rejection_reason", as: String?.self),
            mergedInto: try row.decode(column: "merged_into", as: String?.self).flatMap(UUID.init(uuidString:)),
            mergeCount: try row.decode(column: "merge_count", as: Int.self), queuePosition: try row.decode(column: "queue_position", as: Int?.self),
            upvotes: try row.decode(column: "upvotes", as: Int.self),
            deferredFromEpisodeId: try row.decode(column: "deferred_from_episode_id", as: String?.self).flatMap(UUID.init(uuidString:)),
            answeredAt: try row.optionalDate("answered_at"), createdBySubject: try row.decode(column: "created_by_subject", as: String?.self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), version: try row.decode(column: "version", as: Int.self))
    }

    private func seal(_ asker: Asker?, of id: UUID) throws -> Data? {
        guard let asker, !asker.isEmpty else { return nil }
        return try cipher.seal(try JSONEncoder().encode(asker), recordID: id, field: Self.askerField)
    }

    private func open(_ sealed: Data, of id: UUID) throws -> Asker {
        try JSONDecoder().decode(Asker.self, from: try cipher.open(sealed, recordID: id, field: Self.askerField))
    }
}
