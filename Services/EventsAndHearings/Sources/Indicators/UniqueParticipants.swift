import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// `unique_participants`: people who came to events that took place, each counted once per month and region
/// however many events they came to. A person is their key (``ParticipantKeys``: a keyed hash of their phone
/// or email, never the contact itself); someone who gave neither is one person per registration. Their
/// disaggregation is what they consented to give, the first value found across their registrations.
struct UniqueParticipants: Sendable {
    let registrations: RegistrationRepository

    /// One person in one month and region.
    private struct Person: Hashable {
        var month: String
        var region: String
        var key: String
    }

    /// The people who came to events of `statuses` starting in `from..<to`, by month, region and dimensions.
    func figures(from: Int64, to: Int64, statuses: [EventStatus]) async throws -> [(month: String, region: String, dimensions: [IndicatorDimensions])] {
        var people: [Person: Participant] = [:]
        var order: [Person] = []
        for row in try await registrations.database.sql.raw(
            """
            SELECT r.*, e.region_code AS event_region_code, e.starts_at AS event_starts_at
            FROM registrations r JOIN events e ON e.id = r.event_id
            WHERE r.attendance = \(bind: Attendance.attended.rawValue) AND e.status IN (\(binds: statuses.map(\.rawValue)))
            AND e.region_code IS NOT NULL AND e.starts_at >= \(bind: from) AND e.starts_at < \(bind: to)
            ORDER BY r.created_at, r.id
            """
        ).all() {
            let registration = try registrations.registration(row)
            let key = try row.decode(column: "participant_key", as: String?.self) ?? "registration:" + registration.id.text
            let person = Person(
                month: BishkekTime.month(of: try row.date("event_starts_at")), region: try row.decode(column: "event_region_code", as: String.self),
                key: key)
            if let known = people[person] {
                people[person] = known.filled(from: registration.participant)
            } else {
                people[person] = registration.participant
                order.append(person)
            }
        }
        return order.map { person in
            let participant = people[person]!
            var dimensions = [IndicatorDimensions()]
            if let sex = participant.sex { dimensions.append(.init(sex: sex.rawValue)) }
            if let ageBand = participant.ageBand { dimensions.append(.init(ageBand: ageBand.rawValue)) }
            for group in participant.vulnerableGroups ?? [] { dimensions.append(.init(vulnerableGroup: group.rawValue)) }
            if let type = participant.stakeholderType { dimensions.append(.init(stakeholderType: type.rawValue)) }
            return (person.month, person.region, dimensions)
        }
    }
}

extension Participant {
    /// This participant with each disaggregation field they left out taken from `other`, the same person.
    fileprivate func filled(from other: Participant) -> Participant {
        var filled = self
        filled.sex = sex ?? other.sex
        filled.ageBand = ageBand ?? other.ageBand
        filled.vulnerableGroups = vulnerableGroups ?? other.vulnerableGroups
        filled.stakeholderType = stakeholderType ?? other.stakeholderType
        return filled
    }
}
