import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

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
    /// Every submission checks its codes against these short lists: they are read from memory, and read
    /// again after a change here or, for changes made by another replica, after ``cacheLifetime``.
    private let cache = ExpiringCache<String, [Entry]>()
    static let cacheLifetime: TimeInterval = 30

    init(database: Database) {
        self.database = database
    }

    func entries(_ list: List, includeRetired: Bool = false) async throws -> [Entry] {
        let all = try await allEntries(list)
        return includeRetired ? all : all.filter { !$0.isRetired }
    }

    /// The active codes among `codes`.
    func activeCodes(_ list: List, among codes: [String]) async throws -> Set<String> {
        guard !codes.isEmpty else { return [] }
        let active = Set(try await entries(list).map(\.code))
        return Set(codes).intersection(active)
    }

    private func allEntries(_ list: List) async throws -> [Entry] {
        if let cached = cache.value(for: list.rawValue) { return cached }
        let entries = try await database.sql.raw("SELECT * FROM \(ident: list.rawValue) ORDER BY code").all().map { row in
            Entry(
                code: try row.decode(column: "code", as: String.self),
                name: try LocalizedText(
                    ky: row.decode(column: "name_ky", as: String.self), ru: row.decode(column: "name_ru", as: String.self),
                    en: row.decode(column: "name_en", as: String.self)),
                isRetired: try row.decode(column: "is_retired", as: Bool.self)
            )
        }
        cache.store(entries, for: list.rawValue, until: Date() + Self.cacheLifetime)
        return entries
    }

    /// Adds an entry; returns `false` when the code exists.
    func add(_ list: List, code: String, ky: String, ru: String, en: String, at now: Date) async throws -> Bool {
        defer { cache.removeValue(for: list.rawValue) }
        return try await !database.sql.raw(
            """
            INSERT INTO \(ident: list.rawValue) (code, name_ky, name_ru, name_en, is_retired, created_at)
            VALUES (\(bind: code), \(bind: ky), \(bind: ru), \(bind: en), \(bind: false), \(bind: now.epochMilliseconds))
            ON CONFLICT DO NOTHING RETURNING code
            """
        ).all().isEmpty
    }

    /// Retires an entry, so new appeals cannot use it; old appeals keep it. Returns `false` when unknown.
    func retire(_ list: List, code: String) async throws -> Bool {
        defer { cache.removeValue(for: list.rawValue) }
        return try await !database.sql.raw(
            """
            UPDATE \(ident: list.rawValue) SET is_retired = \(bind: true) WHERE code = \(bind: code) RETURNING code
            """
        ).all().isEmpty
    }
}
