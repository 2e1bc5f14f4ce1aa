import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores shows: the only code that knows the `shows` table.
struct ShowRepository: Sendable {
    let database: Database

    func insert(_ show: Show) async throws {
        let details = show.details
        try await database.sql.raw(
            """
            INSERT INTO shows (
                id, title, description, format, partner_outlet_ids, language, sign_language, regular_slot,
                created_by_subject, created_at, updated_at, version
            ) VALUES (
                \(bind: show.id.text), \(bind: try StoredJSON.text(details.title)), \(bind: try details.description.map(StoredJSON.text)),
                \(bind: details.format.rawValue), \(bind: try StoredJSON.text(details.partnerOutletIds.map(\.text))),
                \(bind: details.language.rawValue), \(bind: details.signLanguage), \(bind: details.regularSlot?.text),
                \(bind: show.createdBySubject), \(bind: show.createdAt.epochMilliseconds), \(bind: show.updatedAt.epochMilliseconds),
                \(bind: show.version)
            )
            """
        ).run()
    }

    func find(_ id: UUID) async throws -> Show? {
        try await database.sql.raw("SELECT * FROM shows WHERE id = \(bind: id.text)").first().map(show)
    }

    /// Saves `show` if it is still at `expectedVersion`.
    func update(_ show: Show, expectedVersion: Int) async throws -> Bool {
        let details = show.details
        let updated = try await database.sql.raw(
            """
            UPDATE shows SET
                title = \(bind: try StoredJSON.text(details.title)), description = \(bind: try details.description.map(StoredJSON.text)),
                format = \(bind: details.format.rawValue), partner_outlet_ids = \(bind: try StoredJSON.text(details.partnerOutletIds.map(\.text))),
                language = \(bind: details.language.rawValue), sign_language = \(bind: details.signLanguage),
                regular_slot = \(bind: details.regularSlot?.text), updated_at = \(bind: show.updatedAt.epochMilliseconds),
                version = \(bind: show.version)
            WHERE id = \(bind: show.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    /// A page of shows, oldest first.
    func list(page: PageRequest) async throws -> Page<Show> {
        var query = SQLQueryString("SELECT * FROM shows")
        if let cursor = page.cursor {
            // A cursor this list issued holds a creation time; anything else was refused by the cursor's decoding.
            let createdAt = Int64(cursor.key) ?? .min
            query += " WHERE (created_at > \(bind: createdAt) OR (created_at = \(bind: createdAt) AND id > \(bind: cursor.id.text)))"
        }
        query += " ORDER BY created_at, id LIMIT \(literal: page.limit + 1)"
        let shows = try await database.sql.raw(query).all().map(show)
        return Page(fetched: shows, limit: page.limit) { Cursor(key: String($0.createdAt.epochMilliseconds), id: $0.id) }
    }

    func show(_ row: any SQLRow) throws -> Show {
        let details = ShowDetails(
            title: try StoredJSON.decode(LocalizedText.self, try row.decode(column: "title", as: String.self)),
            description: try row.decode(column: "description", as: String?.self).map { try StoredJSON.decode(LocalizedText.self, $0) },
            format: try row.enumeration("format"),
            partnerOutletIds: try StoredJSON.decode([UUID].self, try row.decode(column: "partner_outlet_ids", as: String.self)),
            language: try row.enumeration("language"),
            signLanguage: try row.decode(column: "sign_language", as: Bool.self),
            // Stored only after parsing, so it parses again.
            regularSlot: try row.decode(column: "regular_slot", as: String?.self).flatMap { try? RecurrenceRule(parsing: $0) }
        )
        return Show(
            id: try row.uuid("id"), details: details, createdBySubject: try row.decode(column: "created_by_subject", as: String.self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"), version: try row.decode(column: "version", as: Int.self))
    }
}

/// Values as the JSON text the tables keep.
enum StoredJSON {
    static func text(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.api.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder.api.decode(type, from: Data(text.utf8))
    }
}
