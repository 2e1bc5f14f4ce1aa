import Foundation
import Models
import Persistence
import SQLKit

extension RecommendationRepository {
    /// A recommendation as a duty-bearer's or a council's list shows it: with the event it was made at.
    struct Listed: Sendable {
        var recommendation: Recommendation
        var eventTitle: LocalizedText
        var eventStartsAt: Date
    }

    /// A page of the recommendations addressed to `subject`'s duty-bearer, or made at events its council
    /// organises, newest first; of published public events only when `publicOnly`. The same rows as
    /// ``scorecardRows(dutyBearer:council:publicOnly:)`` counts, narrowed to `statuses` when any are given.
    func list(
        _ subject: Scorecard.Subject, statuses: [RecommendationStatus], publicOnly: Bool, page: PageRequest
    ) async throws -> Page<Listed> {
        var query = SQLQueryString(
            """
            SELECT r.*, e.title AS event_title, e.starts_at AS event_starts_at
            FROM recommendations r JOIN events e ON e.id = r.event_id WHERE 1 = 1
            """)
        if let dutyBearer = subject.dutyBearer { query += " AND r.duty_bearer_id = \(bind: dutyBearer.text)" }
        if let council = subject.council { query += " AND e.organizer_id = \(bind: council.text)" }
        if publicOnly { query += " AND e.visibility = \(bind: EventVisibility.public.rawValue) AND e.published_at IS NOT NULL" }
        if !statuses.isEmpty { query += " AND r.status IN (\(binds: statuses.map(\.rawValue)))" }
        if let cursor = page.cursor {
            // A cursor this list issued holds a creation time; anything else was refused by the cursor's decoding.
            let createdAt = Int64(cursor.key) ?? .max
            query += " AND (r.created_at < \(bind: createdAt) OR (r.created_at = \(bind: createdAt) AND r.id < \(bind: cursor.id.text)))"
        }
        query += " ORDER BY r.created_at DESC, r.id DESC LIMIT \(literal: page.limit + 1)"
        let rows = try await database.sql.raw(query).all().map { row in
            Listed(
                recommendation: try recommendation(row),
                eventTitle: try EventRepository.decode(LocalizedText.self, try row.decode(column: "event_title", as: String.self)),
                eventStartsAt: try row.date("event_starts_at"))
        }
        return Page(fetched: rows, limit: page.limit) {
            Cursor(key: String($0.recommendation.createdAt.epochMilliseconds), id: $0.recommendation.id)
        }
    }
}
