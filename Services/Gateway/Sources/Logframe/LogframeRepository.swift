import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores the logframe's indicators in the gateway's database. Targets are kept with their indicator as
/// JSON: they are read and replaced only together, at the indicator's version.
struct LogframeRepository: Sendable {
    let database: Database
    /// The logframe kept in memory for dashboards and exports; ``LogframeWorkflow`` tells it of each change.
    let snapshots = LogframeSnapshots()

    func insert(_ indicator: LogframeIndicator, on session: any SQLDatabase) async throws {
        try await session.raw(
            """
            INSERT INTO logframe_indicators (
                id, code, name_ky, name_ru, name_en, definition_ky, definition_ru, definition_en, unit, source_indicator,
                disaggregations, baseline_period, baseline_value, targets, owner_id, visibility, version, created_at, updated_at)
            VALUES (\(bind: indicator.id.text), \(bind: indicator.code), \(bind: indicator.name.ky), \(bind: indicator.name.ru),
                    \(bind: indicator.name.en), \(bind: indicator.definition?.ky), \(bind: indicator.definition?.ru),
                    \(bind: indicator.definition?.en), \(bind: indicator.unit.rawValue), \(bind: indicator.sourceIndicator),
                    \(bind: Self.text(indicator.disaggregations)), \(bind: indicator.baseline.period), \(bind: indicator.baseline.value),
                    \(bind: try Self.json(indicator.targets)), \(bind: indicator.ownerId.text), \(bind: indicator.visibility.rawValue),
                    \(bind: indicator.version), \(bind: indicator.createdAt.epochMilliseconds), \(bind: indicator.updatedAt.epochMilliseconds))
            """
        ).run()
    }

    func find(_ id: UUID) async throws -> LogframeIndicator? {
        try await database.sql.raw("SELECT * FROM logframe_indicators WHERE id = \(bind: id.text)").first().map(Self.indicator)
    }

    /// The indicator with `code`, if any; on `session` inside a change, so the check and the write agree.
    func find(code: String, on session: any SQLDatabase) async throws -> LogframeIndicator? {
        try await session.raw("SELECT * FROM logframe_indicators WHERE code = \(bind: code)").first().map(Self.indicator)
    }

    /// A page of indicators in the order they were created; only public ones when `publicOnly`.
    func list(publicOnly: Bool, page: PageRequest) async throws -> Page<LogframeIndicator> {
        var query = SQLQueryString("SELECT * FROM logframe_indicators WHERE 1 = 1")
        if publicOnly { query += " AND visibility = \(bind: LogframeIndicator.Visibility.public.rawValue)" }
        if let cursor = page.cursor { query += " AND id > \(bind: cursor.id.text)" }
        query += " ORDER BY id LIMIT \(literal: page.limit + 1)"
        let indicators = try await database.sql.raw(query).all().map(Self.indicator)
        return Page(fetched: indicators, limit: page.limit) { Cursor(key: "", id: $0.id) }
    }

    /// Every indicator (only public ones when `publicOnly`), for the dashboards and exports; a logframe holds
    /// dozens, and ``maxIndicators`` bounds what one answer composes.
    func all(publicOnly: Bool) async throws -> [LogframeIndicator] {
        var query = SQLQueryString("SELECT * FROM logframe_indicators")
        if publicOnly { query += " WHERE visibility = \(bind: LogframeIndicator.Visibility.public.rawValue)" }
        query += " ORDER BY id LIMIT \(literal: Self.maxIndicators)"
        return try await database.sql.raw(query).all().map(Self.indicator)
    }

    /// Every indicator (only public ones when `publicOnly`) as dashboards and exports read it: from memory, at most
    /// ``LogframeSnapshots/lifetime`` old (changes made through this gateway at once).
    func current(publicOnly: Bool) async throws -> [LogframeIndicator] {
        try await snapshots.indicators(publicOnly: publicOnly) { try await all(publicOnly: false) }
    }

    /// The most indicators a dashboard or export composes.
    static let maxIndicators = 500

    /// Saves `indicator` if it is still at `expectedVersion`; returns `false` when another edit came first.
    func update(_ indicator: LogframeIndicator, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let updated = try await session.raw(
            """
            UPDATE logframe_indicators
            SET code = \(bind: indicator.code), name_ky = \(bind: indicator.name.ky), name_ru = \(bind: indicator.name.ru),
                name_en = \(bind: indicator.name.en), definition_ky = \(bind: indicator.definition?.ky),
                definition_ru = \(bind: indicator.definition?.ru), definition_en = \(bind: indicator.definition?.en),
                unit = \(bind: indicator.unit.rawValue), source_indicator = \(bind: indicator.sourceIndicator),
                disaggregations = \(bind: Self.text(indicator.disaggregations)), baseline_period = \(bind: indicator.baseline.period),
                baseline_value = \(bind: indicator.baseline.value), targets = \(bind: try Self.json(indicator.targets)),
                owner_id = \(bind: indicator.ownerId.text), visibility = \(bind: indicator.visibility.rawValue),
                version = \(bind: indicator.version), updated_at = \(bind: indicator.updatedAt.epochMilliseconds)
            WHERE id = \(bind: indicator.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    /// Deletes the indicator if it is still at `expectedVersion`; returns `false` when another edit came first.
    func delete(_ id: UUID, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let deleted = try await session.raw(
            "DELETE FROM logframe_indicators WHERE id = \(bind: id.text) AND version = \(bind: expectedVersion) RETURNING id"
        ).all()
        return !deleted.isEmpty
    }

    private static func text(_ disaggregations: [LogframeIndicator.Disaggregation]) -> String {
        disaggregations.map(\.rawValue).joined(separator: ",")
    }

    private static func json(_ targets: [LogframeIndicator.PeriodValue]) throws -> String {
        String(decoding: try JSONEncoder.api.encode(targets), as: UTF8.self)
    }

    static func indicator(_ row: any SQLRow) throws -> LogframeIndicator {
        let definitions = try ["definition_ky", "definition_ru", "definition_en"].map { try row.decode(column: $0, as: String?.self) }
        // A definition is optional: all three columns empty means none.
        let definition = definitions.allSatisfy { $0 == nil } ? nil : try LocalizedText(ky: definitions[0], ru: definitions[1], en: definitions[2])
        let disaggregations = try row.decode(column: "disaggregations", as: String.self).split(separator: ",")
            .compactMap { LogframeIndicator.Disaggregation(rawValue: String($0)) }
        return LogframeIndicator(
            id: try row.uuid("id"),
            code: try row.decode(column: "code", as: String.self),
            name: try LocalizedText(
                ky: row.decode(column: "name_ky", as: String?.self), ru: row.decode(column: "name_ru", as: String?.self),
                en: row.decode(column: "name_en", as: String?.self)),
            definition: definition,
            unit: try row.enumeration("unit"),
            sourceIndicator: try row.decode(column: "source_indicator", as: String.self),
            disaggregations: disaggregations,
            baseline: .init(
                period: try row.decode(column: "baseline_period", as: String.self), value: try row.decode(column: "baseline_value", as: Double.self)),
            targets: try JSONDecoder.api.decode(
                [LogframeIndicator.PeriodValue].self, from: Data(try row.decode(column: "targets", as: String.self).utf8)),
            ownerId: try row.uuid("owner_id"),
            visibility: try row.enumeration("visibility"),
            version: try row.decode(column: "version", as: Int.self),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }
}
