import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The append-only security audit log.
///
/// Entries are written on the same session as the change they describe, inside its transaction, so an
/// action is recorded exactly once: never for a change that rolled back, never twice.
struct AuditRepository: Sendable {
    let database: Database

    /// Filters for listing entries; all optional.
    struct Filter: Sendable {
        var action: AuditEntry.Action?
        var actor: String?
        var targetID: String?
        var from: Date?
        var to: Date?
    }

    /// Appends an entry on `session` (a transaction's session, or the pool for standalone events).
    func record(
        _ action: AuditEntry.Action, by actor: String, target: AuditEntry.TargetType, id targetID: String?,
        details: [String: String]? = nil, on session: (any SQLDatabase)? = nil, at now: Date = Date()
    ) async throws {
        let detailsText = try details.map { String(decoding: try JSONEncoder.api.encode($0), as: UTF8.self) }
        try await (session ?? database.sql).raw(
            """
            INSERT INTO audit_log (id, occurred_at, actor, action, target_type, target_id, details)
            VALUES (\(bind: UUID.v7().text), \(bind: now.epochMilliseconds), \(bind: actor),
                    \(bind: action.rawValue), \(bind: target.rawValue), \(bind: targetID), \(bind: detailsText))
            """
        ).run()
    }

    /// A page of entries, newest first.
    func list(_ filter: Filter, page: PageRequest) async throws -> Page<AuditEntry> {
        var query = SQLQueryString("SELECT * FROM audit_log WHERE 1 = 1")
        if let action = filter.action { query += " AND action = \(bind: action.rawValue)" }
        if let actor = filter.actor { query += " AND actor = \(bind: actor)" }
        if let target = filter.targetID { query += " AND target_id = \(bind: target)" }
        if let from = filter.from { query += " AND occurred_at >= \(bind: from.epochMilliseconds)" }
        if let to = filter.to { query += " AND occurred_at < \(bind: to.epochMilliseconds)" }
        if let cursor = page.cursor {
            query += " AND id < \(bind: cursor.id.uuidString.lowercased())"
        }
        query += " ORDER BY id DESC LIMIT \(literal: page.limit + 1)"
        let entries = try await database.sql.raw(query).all().map(Self.entry)
        return Page(fetched: entries, limit: page.limit) { Cursor(key: "", id: $0.id) }
    }

    private static func entry(_ row: any SQLRow) throws -> AuditEntry {
        let details = try row.decode(column: "details", as: String?.self)
            .map { try JSONDecoder.api.decode([String: String].self, from: Data($0.utf8)) }
        return AuditEntry(
            id: try row.uuid("id"),
            occurredAt: Date(epochMilliseconds: try row.decode(column: "occurred_at", as: Int64.self)),
            actor: try row.decode(column: "actor", as: String.self),
            action: try row.enumeration("action"),
            targetType: try row.enumeration("target_type"),
            targetId: try row.decode(column: "target_id", as: String?.self),
            details: details
        )
    }
}
