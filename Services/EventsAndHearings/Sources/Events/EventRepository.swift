import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores events: the only code that knows the `events` table. Localised texts and code lists are JSON
/// text; what lists filter by (type, region, status, times, visibility, organiser) are plain columns.
struct EventRepository: Sendable {
    let database: Database

    /// Filters for the list; ``EventAccess/restrict(_:for:)`` adds what the caller may see.
    struct Filter: Sendable {
        var types: [EventType] = []
        var statuses: [EventStatus] = []
        var regionCode: Region?
        var startsFrom: Date?
        var startsBefore: Date?
        /// Sees every event, drafts included (staff).
        var seesEverything = false
        /// The visibilities of published events the caller may read.
        var readableVisibilities: [EventVisibility] = [.public]
        /// The events a council member runs, whatever their state or visibility.
        var runBy: Organizer?

        /// A council member's organisation and region.
        struct Organizer: Sendable {
            var organizationID: UUID?
            var region: Region?
        }
    }

    /// Stores a new event with `statements` (its first history entry, its agenda) in one transaction.
    func insert(_ event: Event, with statements: [SQLQueryString]) async throws {
        let insert = try insertStatement(event)
        try await database.transaction { session in
            try await session.raw(insert).run()
            for statement in statements { try await session.raw(statement).run() }
        }
    }

    private func insertStatement(_ event: Event) throws -> SQLQueryString {
        let details = event.details
        return """
            INSERT INTO events (
                id, type, title, description, format, starts_at, ends_at, region_code, locality, address, accessibility_notes,
                online_url, organizer_id, co_organizer_ids, languages, interpretation, themes, target_groups, visibility,
                status, cancellation_reason, published_at, copied_from, created_by_subject, created_at, updated_at, version
            ) VALUES (
                \(bind: event.id.text), \(bind: details.type.rawValue), \(bind: try Self.json(details.title)),
                \(bind: try details.description.map(Self.json)), \(bind: details.format.rawValue), \(bind: details.startsAt.epochMilliseconds),
                \(bind: details.endsAt.epochMilliseconds), \(bind: details.venue?.regionCode.code), \(bind: details.venue?.locality),
                \(bind: details.venue?.address), \(bind: details.venue?.accessibilityNotes), \(bind: details.onlineUrl),
                \(bind: details.organizerId.text), \(bind: try Self.json(details.coOrganizerIds.map(\.text))),
                \(bind: try Self.json(details.languages)), \(bind: try Self.json(details.interpretation)), \(bind: try Self.json(details.themes)),
                \(bind: try Self.json(details.targetGroups)), \(bind: details.visibility.rawValue), \(bind: event.status.rawValue),
                \(bind: event.cancellationReason), \(bind: event.publishedAt?.epochMilliseconds), \(bind: event.copiedFrom?.text),
                \(bind: event.createdBySubject), \(bind: event.createdAt.epochMilliseconds), \(bind: event.updatedAt.epochMilliseconds),
                \(bind: event.version)
            )
            """
    }

    func find(_ id: UUID) async throws -> Event? {
        try await database.sql.raw("SELECT * FROM events WHERE id = \(bind: id.text)").first().map(event)
    }

    /// Saves `event` if it is still at `expectedVersion`.
    func update(_ event: Event, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let details = event.details
        let updated = try await session.raw(
            """
            UPDATE events SET
                type = \(bind: details.type.rawValue), title = \(bind: try Self.json(details.title)),
                description = \(bind: try details.description.map(Self.json)), format = \(bind: details.format.rawValue),
                starts_at = \(bind: details.startsAt.epochMilliseconds), ends_at = \(bind: details.endsAt.epochMilliseconds),
                region_code = \(bind: details.venue?.regionCode.code), locality = \(bind: details.venue?.locality),
                address = \(bind: details.venue?.address), accessibility_notes = \(bind: details.venue?.accessibilityNotes),
                online_url = \(bind: details.onlineUrl), organizer_id = \(bind: details.organizerId.text),
                co_organizer_ids = \(bind: try Self.json(details.coOrganizerIds.map(\.text))), languages = \(bind: try Self.json(details.languages)),
                interpretation = \(bind: try Self.json(details.interpretation)), themes = \(bind: try Self.json(details.themes)),
                target_groups = \(bind: try Self.json(details.targetGroups)), visibility = \(bind: details.visibility.rawValue),
                status = \(bind: event.status.rawValue), cancellation_reason = \(bind: event.cancellationReason),
                recurrence_rule = \(bind: event.recurrenceRule?.text),
                published_at = \(bind: event.publishedAt?.epochMilliseconds), updated_at = \(bind: event.updatedAt.epochMilliseconds),
                version = \(bind: event.version)
            WHERE id = \(bind: event.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    /// A page of events matching `filter`, soonest first.
    func list(_ filter: Filter, page: PageRequest) async throws -> Page<Event> {
        var query = SQLQueryString("SELECT * FROM events WHERE ")
        query += conditions(filter)
        if let cursor = page.cursor {
            // A cursor this list issued holds a start time; anything else was refused by the cursor's decoding.
            let startsAt = Int64(cursor.key) ?? .min
            query += " AND (starts_at > \(bind: startsAt) OR (starts_at = \(bind: startsAt) AND id > \(bind: cursor.id.text)))"
        }
        query += " ORDER BY starts_at, id LIMIT \(literal: page.limit + 1)"
        let events = try await database.sql.raw(query).all().map(event)
        return Page(fetched: events, limit: page.limit) { Cursor(key: String($0.details.startsAt.epochMilliseconds), id: $0.id) }
    }

    private func conditions(_ filter: Filter) -> SQLQueryString {
        var query = SQLQueryString("1 = 1")
        if !filter.types.isEmpty { query += " AND type IN (\(binds: filter.types.map(\.rawValue)))" }
        if !filter.statuses.isEmpty { query += " AND status IN (\(binds: filter.statuses.map(\.rawValue)))" }
        if let region = filter.regionCode { query += " AND region_code = \(bind: region.code)" }
        if let from = filter.startsFrom { query += " AND starts_at >= \(bind: from.epochMilliseconds)" }
        if let before = filter.startsBefore { query += " AND starts_at < \(bind: before.epochMilliseconds)" }
        if !filter.seesEverything {
            var visible = SQLQueryString(
                "(published_at IS NOT NULL AND visibility IN (\(binds: filter.readableVisibilities.map(\.rawValue))))")
            if let organizer = filter.runBy {
                if let organization = organizer.organizationID { visible += " OR organizer_id = \(bind: organization.text)" }
                if let region = organizer.region { visible += " OR region_code = \(bind: region.code)" }
            }
            query += " AND (" + visible + ")"
        }
        return query
    }

    func event(_ row: any SQLRow) throws -> Event {
        let regionCode = try row.decode(column: "region_code", as: String?.self).flatMap(Region.init(rawValue:))
        let details = EventDetails(
            type: try row.enumeration("type"),
            title: try Self.decode(LocalizedText.self, try row.decode(column: "title", as: String.self)),
            description: try row.decode(column: "description", as: String?.self).map { try Self.decode(LocalizedText.self, $0) },
            format: try row.enumeration("format"),
            startsAt: try row.date("starts_at"),
            endsAt: try row.date("ends_at"),
            venue: try regionCode.map { region in
                EventDetails.Venue(
                    regionCode: region, locality: try row.decode(column: "locality", as: String?.self),
                    address: try row.decode(column: "address", as: String?.self),
                    accessibilityNotes: try row.decode(column: "accessibility_notes", as: String?.self))
            },
            onlineUrl: try row.decode(column: "online_url", as: String?.self),
            organizerId: try row.uuid("organizer_id"),
            coOrganizerIds: try Self.decode([UUID].self, try row.decode(column: "co_organizer_ids", as: String.self)),
            languages: try Self.decode([EventLanguage].self, try row.decode(column: "languages", as: String.self)),
            interpretation: try Self.decode([EventLanguage].self, try row.decode(column: "interpretation", as: String.self)),
            themes: try Self.decode([RightsTopic].self, try row.decode(column: "themes", as: String.self)),
            targetGroups: try Self.decode([StakeholderType].self, try row.decode(column: "target_groups", as: String.self)),
            visibility: try row.enumeration("visibility")
        )
        return Event(
            id: try row.uuid("id"), details: details, status: try row.enumeration("status"),
            cancellationReason: try row.decode(column: "cancellation_reason", as: String?.self),
            publishedAt: try row.optionalDate("published_at"), copiedFrom: try row.optionalUUID("copied_from"),
            // Stored only after parsing, so it parses again.
            recurrenceRule: try row.decode(column: "recurrence_rule", as: String?.self).flatMap { try? RecurrenceRule(parsing: $0) },
            createdBySubject: try row.decode(column: "created_by_subject", as: String.self),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            version: try row.decode(column: "version", as: Int.self)
        )
    }

    /// A value as the JSON text the table keeps.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONEncoder.api.encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder.api.decode(type, from: Data(text.utf8))
    }
}
