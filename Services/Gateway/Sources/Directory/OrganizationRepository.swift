import Foundation
import Models
import Persistence
import SQLKit

/// Stores organisations in the gateway's database.
struct OrganizationRepository: Sendable {
    let database: Database

    /// Filters for listing organisations.
    struct Filter: Sendable {
        var type: Organization.Kind?
        var regionCode: Region?
        var includeDisabled = false
    }

    func insert(_ organization: Organization, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO organizations (id, type, name_ky, name_ru, name_en, region_code, is_disabled, version, created_at, updated_at)
            VALUES (\(bind: organization.id.text), \(bind: organization.type.rawValue), \(bind: organization.name.ky),
                    \(bind: organization.name.ru), \(bind: organization.name.en), \(bind: organization.regionCode?.code),
                    \(bind: organization.isDisabled), \(bind: organization.version),
                    \(bind: organization.createdAt.epochMilliseconds), \(bind: organization.updatedAt.epochMilliseconds))
            """
        ).run()
    }

    func find(_ id: UUID, on session: (any SQLDatabase)? = nil) async throws -> Organization? {
        try await (session ?? database.sql).raw("SELECT * FROM organizations WHERE id = \(bind: id.text)")
            .first().map(Self.organization)
    }

    /// Those of `ids` that are organisations, by ID.
    func find(_ ids: [UUID]) async throws -> [UUID: Organization] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await database.sql.raw("SELECT * FROM organizations WHERE id IN (\(binds: ids.map(\.text)))").all()
        return Dictionary(try rows.map(Self.organization).map { ($0.id, $0) }) { first, _ in first }
    }

    /// The active organisations of `kinds`; at most ``choiceLimit``.
    func active(of kinds: Set<Organization.Kind>) async throws -> [Organization] {
        guard !kinds.isEmpty else { return [] }
        let rows = try await database.sql.raw(
            """
            SELECT * FROM organizations WHERE is_disabled = \(bind: false) AND type IN (\(binds: kinds.map(\.rawValue).sorted()))
            ORDER BY id LIMIT \(bind: Self.choiceLimit)
            """
        ).all()
        return try rows.map(Self.organization)
    }

    /// The most organisations a form offers to choose from.
    static let choiceLimit = 500

    func list(_ filter: Filter, page: PageRequest) async throws -> Page<Organization> {
        var query = SQLQueryString("SELECT * FROM organizations WHERE 1 = 1")
        if let type = filter.type { query += " AND type = \(bind: type.rawValue)" }
        if let region = filter.regionCode { query += " AND region_code = \(bind: region.code)" }
        if !filter.includeDisabled { query += " AND is_disabled = \(bind: false)" }
        if let cursor = page.cursor { query += " AND id > \(bind: cursor.id.text)" }
        query += " ORDER BY id LIMIT \(literal: page.limit + 1)"
        let organizations = try await database.sql.raw(query).all().map(Self.organization)
        return Page(fetched: organizations, limit: page.limit) { Cursor(key: "", id: $0.id) }
    }

    /// Saves `organization` if it is still at `expectedVersion`; returns `false` when another edit came first.
    func update(_ organization: Organization, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let updated = try await session.raw(
            """
            UPDATE organizations
            SET type = \(bind: organization.type.rawValue), name_ky = \(bind: organization.name.ky), name_ru = \(bind: organization.name.ru),
                name_en = \(bind: organization.name.en), region_code = \(bind: organization.regionCode?.code),
                is_disabled = \(bind: organization.isDisabled), version = \(bind: organization.version),
                updated_at = \(bind: organization.updatedAt.epochMilliseconds)
            WHERE id = \(bind: organization.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    static func organization(_ row: any SQLRow) throws -> Organization {
        Organization(
            id: try row.uuid("id"),
            type: try row.enumeration("type"),
            name: try LocalizedText(
                ky: row.decode(column: "name_ky", as: String?.self),
                ru: row.decode(column: "name_ru", as: String?.self),
                en: row.decode(column: "name_en", as: String?.self)
            ),
            regionCode: try row.decode(column: "region_code", as: String?.self).flatMap(Region.init(rawValue:)),
            isDisabled: try row.decode(column: "is_disabled", as: Bool.self),
            version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }
}
