import Foundation
import Models
import Persistence
import SQLKit

/// Redacted public copies of appeals, written by a verifier. Only these, never the appeal itself,
/// reach the public.
struct PublicationRepository: Sendable {
    let database: Database

    /// A published appeal as the public sees it: the redacted texts and coarse facts, nothing else.
    struct PublishedAppeal: Codable, Sendable {
        var id: UUID
        var title: LocalizedText
        var summary: LocalizedText
        var regionCode: Region
        /// Absent when the verifier marked the case sensitive: a village can identify a person.
        var locality: String?
        var categoryCode: String
        var status: AppealStatus
        var receivedAt: Date
        var publishedAt: Date
        var responses: [PublishedResponse]?
    }

    func publish(appealID: UUID, title: LocalizedText, summary: LocalizedText, by subject: String, at now: Date, on session: any SQLDatabase) async throws {
        try await session.raw("DELETE FROM publications WHERE appeal_id = \(bind: appealID.text)").run()
        try await session.raw("""
            INSERT INTO publications (appeal_id, title_ky, title_ru, title_en, summary_ky, summary_ru, summary_en, published_by, published_at)
            VALUES (\(bind: appealID.text), \(bind: title.ky), \(bind: title.ru), \(bind: title.en),
                    \(bind: summary.ky), \(bind: summary.ru), \(bind: summary.en), \(bind: subject), \(bind: now.epochMilliseconds))
            """).run()
    }

    /// Removes the public copy; returns `false` when there was none.
    func unpublish(appealID: UUID, on session: any SQLDatabase) async throws -> Bool {
        try await !session.raw("DELETE FROM publications WHERE appeal_id = \(bind: appealID.text) RETURNING appeal_id").all().isEmpty
    }

    static let selection: SQLQueryString = """
        SELECT p.*, a.region_code, a.locality, a.is_sensitive, a.category_code, a.status, a.received_at
        FROM publications p JOIN appeals a ON a.id = p.appeal_id
        """

    /// Published appeals, most recently published first.
    func list(page: PageRequest) async throws -> Page<PublishedAppeal> {
        var query = Self.selection + " WHERE 1 = 1"
        if let cursor = page.cursor, let key = Int64(cursor.key) {
            query += " AND (p.published_at < \(bind: key) OR (p.published_at = \(bind: key) AND p.appeal_id < \(bind: cursor.id.text)))"
        }
        query += " ORDER BY p.published_at DESC, p.appeal_id DESC LIMIT \(literal: page.limit + 1)"
        let items = try await database.sql.raw(query).all().map(Self.published)
        return Page(fetched: items, limit: page.limit) { Cursor(key: String($0.publishedAt.epochMilliseconds), id: $0.id) }
    }

    func find(_ appealID: UUID) async throws -> PublishedAppeal? {
        try await database.sql.raw(Self.selection + " WHERE p.appeal_id = \(bind: appealID.text)").first().map(Self.published)
    }

    static func published(_ row: any SQLRow) throws -> PublishedAppeal {
        PublishedAppeal(
            id: try row.uuid("appeal_id"),
            title: try LocalizedText(ky: row.decode(column: "title_ky", as: String?.self), ru: row.decode(column: "title_ru", as: String?.self),
                                     en: row.decode(column: "title_en", as: String?.self)),
            summary: try LocalizedText(ky: row.decode(column: "summary_ky", as: String?.self), ru: row.decode(column: "summary_ru", as: String?.self),
                                       en: row.decode(column: "summary_en", as: String?.self)),
            regionCode: try row.enumeration("region_code"),
            locality: try row.decode(column: "is_sensitive", as: Bool.self) ? nil : try row.decode(column: "locality", as: String?.self),
            categoryCode: try row.decode(column: "category_code", as: String.self),
            status: try row.enumeration("status"),
            receivedAt: try row.date("received_at"),
            publishedAt: try row.date("published_at"),
            responses: nil
        )
    }
}
