import Foundation
import Models

/// A recommendation made at an event, as stored.
struct Recommendation: Sendable {
    var id: UUID
    var eventID: UUID
    var text: LocalizedText
    /// The organisation it is addressed to (a ministry, an akimiat), in the gateway's directory.
    var dutyBearerID: UUID
    /// The day it is due, `YYYY-MM-DD` (Bishkek).
    var dueOn: String
    var status: RecommendationStatus
    /// How far the work is, 0–100.
    var progress: Int
    /// When the duty-bearer first answered (the first move from `proposed`).
    var firstResponseAt: Date?
    var createdBySubject: String
    var createdAt: Date
    var updatedAt: Date
    var version: Int

    var eTag: String { "\"\(version)\"" }

    /// Whether its due day is over on `today` (`YYYY-MM-DD`) while it is still open.
    func isOverdue(today: String) -> Bool {
        status.canBeOverdue && dueOn < today
    }
}
