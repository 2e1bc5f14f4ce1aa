import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The work done on an appeal besides its status: fact-checks, referrals to duty-bearers, responses.
struct CaseRecordRepository: Sendable {
    let database: Database

    /// A recorded fact-check.
    struct Verification: Codable, Equatable, Sendable {
        var id: UUID
        var sourcesChecked: [String]
        var evidenceNotes: String
        var outcome: VerificationOutcome
        var recordedBy: String
        var recordedAt: Date
    }

    /// A referral to a duty-bearer and, when it comes, the reply.
    struct Referral: Codable, Equatable, Sendable {
        var id: UUID
        var organizationId: UUID?
        var bodyName: String?
        var sentAt: Date
        var dueAt: Date?
        var reply: String?
        var repliedAt: Date?
        var createdBy: String
    }

    /// An answer from a legal expert or the Ombudsman.
    struct Response: Codable, Equatable, Sendable {
        var id: UUID
        var text: String
        var channel: ResponseChannel
        var author: String
        var reference: String?
        var isPublic: Bool
        var createdAt: Date
        /// The broadcast it was given on, for an answer on air that broadcasts reported.
        var onAir: OnAirAnswer? = nil
    }

    func insert(_ verification: Verification, appealID: UUID, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO verifications (id, appeal_id, sources_checked, evidence_notes, outcome, recorded_by, recorded_at)
            VALUES (\(bind: verification.id.text), \(bind: appealID.text), \(bind: verification.sourcesChecked.joined(separator: "\n")),
                    \(bind: verification.evidenceNotes), \(bind: verification.outcome.rawValue), \(bind: verification.recordedBy),
                    \(bind: verification.recordedAt.epochMilliseconds))
            """
        ).run()
    }

    func insert(_ referral: Referral, appealID: UUID, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO referrals (id, appeal_id, organization_id, body_name, sent_at, due_at, created_by)
            VALUES (\(bind: referral.id.text), \(bind: appealID.text), \(bind: referral.organizationId?.text), \(bind: referral.bodyName),
                    \(bind: referral.sentAt.epochMilliseconds), \(bind: referral.dueAt?.epochMilliseconds), \(bind: referral.createdBy))
            """
        ).run()
    }

    /// Records the duty-bearer's reply; returns `false` when the referral is unknown or already answered.
    func recordReply(_ reply: String, to referralID: UUID, appealID: UUID, at now: Date, on session: any SQLDatabase) async throws -> Bool {
        try await !session.raw(
            """
            UPDATE referrals SET reply = \(bind: reply), replied_at = \(bind: now.epochMilliseconds)
            WHERE id = \(bind: referralID.text) AND appeal_id = \(bind: appealID.text) AND replied_at IS NULL
            RETURNING id
            """
        ).all().isEmpty
    }

    func insert(_ response: Response, appealID: UUID, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO responses (id, appeal_id, text, channel, author, reference, is_public, created_at, on_air)
            VALUES (\(bind: response.id.text), \(bind: appealID.text), \(bind: response.text), \(bind: response.channel.rawValue),
                    \(bind: response.author), \(bind: response.reference), \(bind: response.isPublic), \(bind: response.createdAt.epochMilliseconds),
                    \(bind: try response.onAir.map { String(decoding: try JSONEncoder.api.encode($0), as: UTF8.self) }))
            """
        ).run()
    }

    func verifications(for appealID: UUID) async throws -> [Verification] {
        try await database.sql.raw("SELECT * FROM verifications WHERE appeal_id = \(bind: appealID.text) ORDER BY id").all().map { row in
            Verification(
                id: try row.uuid("id"),
                sourcesChecked: try row.decode(column: "sources_checked", as: String.self).split(separator: "\n").map(String.init),
                evidenceNotes: try row.decode(column: "evidence_notes", as: String.self), outcome: try row.enumeration("outcome"),
                recordedBy: try row.decode(column: "recorded_by", as: String.self), recordedAt: try row.date("recorded_at")
            )
        }
    }

    func referrals(for appealID: UUID) async throws -> [Referral] {
        try await database.sql.raw("SELECT * FROM referrals WHERE appeal_id = \(bind: appealID.text) ORDER BY id").all().map { row in
            Referral(
                id: try row.uuid("id"), organizationId: try row.optionalUUID("organization_id"),
                bodyName: try row.decode(column: "body_name", as: String?.self), sentAt: try row.date("sent_at"),
                dueAt: try row.optionalDate("due_at"), reply: try row.decode(column: "reply", as: String?.self),
                repliedAt: try row.optionalDate("replied_at"), createdBy: try row.decode(column: "created_by", as: String.self)
            )
        }
    }

    /// The named body each appeal was last referred to, for those of `appealIDs` that have one.
    func latestReferredBodies(for appealIDs: [UUID]) async throws -> [UUID: String] {
        guard !appealIDs.isEmpty else { return [:] }
        let rows = try await database.sql.raw(
            """
            SELECT appeal_id, body_name FROM referrals
            WHERE appeal_id IN (\(binds: appealIDs.map(\.text))) AND body_name IS NOT NULL ORDER BY id
            """
        ).all()
        // Rows come oldest first, so the last one kept per appeal is its latest referral.
        return try rows.reduce(into: [:]) { bodies, row in
            bodies[try row.uuid("appeal_id")] = try row.decode(column: "body_name", as: String.self)
        }
    }

    /// Responses, oldest first; `publicOnly` keeps those meant to be published.
    func responses(for appealID: UUID, publicOnly: Bool = false) async throws -> [Response] {
        var query: SQLQueryString = "SELECT * FROM responses WHERE appeal_id = \(bind: appealID.text)"
        if publicOnly { query += " AND is_public = \(bind: true)" }
        query += " ORDER BY id"
        return try await database.sql.raw(query).all().map(response)
    }

    /// The response an answer on air in `episodeID` became, if the appeal has one, read on `session`.
    func onAirResponse(of appealID: UUID, episodeID: UUID, on session: any SQLDatabase) async throws -> Response? {
        let rows = try await session.raw(
            "SELECT * FROM responses WHERE appeal_id = \(bind: appealID.text) AND on_air IS NOT NULL ORDER BY id"
        ).all()
        return try rows.map(response).first { $0.onAir?.episodeId == episodeID }
    }

    /// Replaces what response `id` says of its answer on air (the replay published since, the summary corrected).
    func updateOnAir(_ onAir: OnAirAnswer, text: String, of id: UUID, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            UPDATE responses SET text = \(bind: text), on_air = \(bind: String(decoding: try JSONEncoder.api.encode(onAir), as: UTF8.self))
            WHERE id = \(bind: id.text)
            """
        ).run()
    }

    private func response(_ row: any SQLRow) throws -> Response {
        Response(
            id: try row.uuid("id"), text: try row.decode(column: "text", as: String.self), channel: try row.enumeration("channel"),
            author: try row.decode(column: "author", as: String.self), reference: try row.decode(column: "reference", as: String?.self),
            isPublic: try row.decode(column: "is_public", as: Bool.self), createdAt: try row.date("created_at"),
            onAir: try row.decode(column: "on_air", as: String?.self).map { try JSONDecoder.api.decode(OnAirAnswer.self, from: Data($0.utf8)) }
        )
    }
}
