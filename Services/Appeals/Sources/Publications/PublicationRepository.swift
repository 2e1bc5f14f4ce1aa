import Foundation
import Models
import Persistence
import SQLKit

/// Redacted public copies of appeals, written by a verifier. Only these, never the appeal itself,
/// reach the public.
struct PublicationRepository: Sendable {
    let database: Database

    /// A published appeal as the public sees it: the redacted texts and coarse facts, nothing else.
    ///
    /// Its ID is drawn at random when first published (not the appeal's UUIDv7, which carries the receipt
    /// time to the millisecond) and its only date is the day of publication, so a public copy cannot be
    /// matched to an appeal, or to the statistics, by time.
    struct PublishedAppeal: Encodable, Sendable {
        var id: UUID
        var title: LocalizedText
        var summary: LocalizedText
        var regionCode: Region
        /// Only what the verifier wrote for the public, never what the appellant typed; absent when the
        /// case is marked sensitive: a village can identify a person.
        var locality: String?
        var categoryCode: String
        var status: AppealStatus
        /// `YYYY-MM-DD` in Bishkek.
        var publishedOn: String
        var responses: [PublishedResponse]?
        /// The appeal it copies: for finding its published responses, never sent.
        var appealID: UUID

        enum CodingKeys: String, CodingKey {
            case id, title, summary, regionCode, locality, categoryCode, status, publishedOn, responses
        }
    }

    /// The most characters of a public locality.
    static let maximumLocalityLength = 200

    /// `YYYY-MM-DD` of `date` in Bishkek: the only date a public copy shows.
    static func day(of date: Date) -> String {
        let day = AppealCounters.calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", day.year!, day.month!, day.day!)
    }

    /// The start of `day` (from ``day(of:)``) in Bishkek, for formats that need a timestamp (Open311).
    static func start(of day: String) -> Date? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return AppealCounters.calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
    }

    /// Publishes or replaces the public copy; a replaced copy keeps its public ID, so links to it stay valid.
    @discardableResult
    func publish(
        appealID: UUID, title: LocalizedText, summary: LocalizedText, locality: String?, by subject: String, at now: Date,
        on session: any SQLDatabase
    ) async throws -> UUID {
        let existing = try await session.raw("SELECT public_id FROM publications WHERE appeal_id = \(bind: appealID.text)").first()
        let publicID = try existing?.decode(column: "public_id", as: String?.self) ?? UUID().text
        try await session.raw("DELETE FROM publications WHERE appeal_id = \(bind: appealID.text)").run()
        try await session.raw(
            """
            INSERT INTO publications (appeal_id, public_id, title_ky, title_ru, title_en, summary_ky, summary_ru, summary_en, public_locality,
                                      published_by, published_at, published_day)
            VALUES (\(bind: appealID.text), \(bind: publicID), \(bind: title.ky), \(bind: title.ru), \(bind: title.en),
                    \(bind: summary.ky), \(bind: summary.ru), \(bind: summary.en), \(bind: locality), \(bind: subject),
                    \(bind: now.epochMilliseconds), \(bind: Self.day(of: now)))
            """
        ).run()
        return UUID(uuidString: publicID)!
    }

    /// Removes the public copy; returns `false` when there was none.
    func unpublish(appealID: UUID, on session: any SQLDatabase) async throws -> Bool {
        try await !session.raw("DELETE FROM publications WHERE appeal_id = \(bind: appealID.text) RETURNING appeal_id").all().isEmpty
    }

    // The appellant's `locality` is deliberately not selected: only `public_locality` may reach the public.
    static let selection: SQLQueryString = """
        SELECT p.*, a.region_code, a.is_sensitive, a.category_code, a.status
        FROM publications p JOIN appeals a ON a.id = p.appeal_id
        """

    /// Published appeals matching `filter`, most recently published first (in random order within a day).
    func list(page: PageRequest, filter: PublicFilter = PublicFilter()) async throws -> Page<PublishedAppeal> {
        var query = Self.selection + " WHERE 1 = 1"
        if let region = filter.regionCode { query += " AND a.region_code = \(bind: region.rawValue)" }
        if let category = filter.categoryCode { query += " AND a.category_code = \(bind: category)" }
        if let cursor = page.cursor {
            let day = cursor.key
            query += " AND (p.published_day < \(bind: day) OR (p.published_day = \(bind: day) AND p.public_id < \(bind: cursor.id.text)))"
        }
        query += " ORDER BY p.published_day DESC, p.public_id DESC LIMIT \(literal: page.limit + 1)"
        let items = try await database.sql.raw(query).all().map(Self.published)
        return Page(fetched: items, limit: page.limit) { Cursor(key: $0.publishedOn, id: $0.id) }
    }

    /// The public copy with this public ID.
    func find(publicID: UUID) async throws -> PublishedAppeal? {
        try await database.sql.raw(Self.selection + " WHERE p.public_id = \(bind: publicID.text)").first().map(Self.published)
    }

    /// The public copy of appeal `appealID`, if it has one.
    func find(appealID: UUID) async throws -> PublishedAppeal? {
        try await database.sql.raw(Self.selection + " WHERE p.appeal_id = \(bind: appealID.text)").first().map(Self.published)
    }

    /// The public titles and summaries of those of `appealIDs` that are published.
    func texts(for appealIDs: [UUID]) async throws -> [UUID: (title: LocalizedText, summary: LocalizedText)] {
        guard !appealIDs.isEmpty else { return [:] }
        let rows = try await database.sql.raw(Self.selection + " WHERE p.appeal_id IN (\(binds: appealIDs.map(\.text)))").all()
        return Dictionary(try rows.map(Self.published).map { ($0.appealID, ($0.title, $0.summary)) }, uniquingKeysWith: { first, _ in first })
    }

    static func published(_ row: any SQLRow) throws -> PublishedAppeal {
        PublishedAppeal(
            id: try row.uuid("public_id"),
            title: try LocalizedText(
                ky: row.decode(column: "title_ky", as: String?.self), ru: row.decode(column: "title_ru", as: String?.self),
                en: row.decode(column: "title_en", as: String?.self)),
            summary: try LocalizedText(
                ky: row.decode(column: "summary_ky", as: String?.self), ru: row.decode(column: "summary_ru", as: String?.self),
                en: row.decode(column: "summary_en", as: String?.self)),
            regionCode: try row.enumeration("region_code"),
            locality: try row.decode(column: "is_sensitive", as: Bool.self) ? nil : try row.decode(column: "public_locality", as: String?.self),
            categoryCode: try row.decode(column: "category_code", as: String.self),
            status: try row.enumeration("status"),
            publishedOn: try row.decode(column: "published_day", as: String.self),
            responses: nil,
            appealID: try row.uuid("appeal_id")
        )
    }
}
