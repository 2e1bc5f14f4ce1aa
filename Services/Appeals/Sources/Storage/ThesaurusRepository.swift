import Foundation
import Models
import Persistence
import SQLKit

/// The categories of appeals and the vulnerable groups, each a coded list with names in three languages.
struct ThesaurusRepository: Sendable {
    /// Which list.
    enum List: String, Sendable {
        case categories
        case vulnerableGroups = "vulnerable_groups"
    }

    /// One entry as the API shows it.
    struct Entry: Codable, Equatable, Sendable {
        var code: String
        var name: LocalizedText
        var isRetired: Bool
    }

    let database: Database

    func entries(_ list: List, includeRetired: Bool = false) async throws -> [Entry] {
        var query: SQLQueryString = "SELECT * FROM \(ident: list.rawValue)"
        if !includeRetired { query += " WHERE is_retired = \(bind: false)" }
        query += " ORDER BY code"
        return try await database.sql.raw(query).all().map { row in
            Entry(
                code: try row.decode(column: "code", as: String.self),
                name: try LocalizedText(ky: row.decode(column: "name_ky", as: String.self), ru: row.decode(column: "name_ru", as: String.self),
                                        en: row.decode(column: "name_en", as: String.self)),
                isRetired: try row.decode(column: "is_retired", as: Bool.self)
            )
        }
    }

    /// The active codes among `codes`.
    func activeCodes(_ list: List, among codes: [String]) async throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        return Set(try await database.sql.raw("""
            SELECT code FROM \(ident: list.rawValue) WHERE is_retired = \(bind: false) AND code IN (\(binds: codes))
            """).all(decodingColumn: "code", as: String.self))
    }

    /// Adds an entry; returns `false` when the code exists.
    func add(_ list: List, code: String, ky: String, ru: String, en: String, at now: Date) async throws -> Bool {
        try await !database.sql.raw("""
            INSERT INTO \(ident: list.rawValue) (code, name_ky, name_ru, name_en, is_retired, created_at)
            VALUES (\(bind: code), \(bind: ky), \(bind: ru), \(bind: en), \(bind: false), \(bind: now.epochMilliseconds))
            ON CONFLICT DO NOTHING RETURNING code
            """).all().isEmpty
    }

    /// Retires an entry, so new appeals cannot use it; old appeals keep it. Returns `false` when unknown.
    func retire(_ list: List, code: String) async throws -> Bool {
        try await !database.sql.raw("""
            UPDATE \(ident: list.rawValue) SET is_retired = \(bind: true) WHERE code = \(bind: code) RETURNING code
            """).all().isEmpty
    }
}
