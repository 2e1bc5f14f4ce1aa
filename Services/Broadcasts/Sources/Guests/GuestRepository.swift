import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores each episode's guests, in the order they were invited. Writes are statements the episode's
/// workflow runs in the transaction of the change.
struct GuestRepository: Sendable {
    let database: Database

    /// The episode's guests, in the order they were invited.
    func guests(of episodeID: UUID) async throws -> [Guest] {
        try await database.sql.raw("SELECT * FROM guests WHERE episode_id = \(bind: episodeID.text) ORDER BY position, id").all().map { row in
            Guest(
                id: try row.uuid("id"), kind: try row.enumeration("kind"), name: try row.decode(column: "name", as: String.self),
                organizationId: try row.optionalUUID("organization_id"), role: try row.enumeration("role"),
                expertise: try StoredJSON.decode([RightsTopic].self, try row.decode(column: "expertise", as: String.self)),
                status: try row.enumeration("status"), consentToRecording: try row.decode(column: "consent_to_recording", as: Bool.self))
        }
    }

    /// The statement that adds `guest` at `position`.
    func insertStatement(_ guest: Guest, of episodeID: UUID, position: Int) throws -> SQLQueryString {
        """
        INSERT INTO guests (id, episode_id, position, kind, name, organization_id, role, expertise, status, consent_to_recording)
        VALUES (\(bind: guest.id.text), \(bind: episodeID.text), \(bind: position), \(bind: guest.kind.rawValue), \(bind: guest.name),
                \(bind: guest.organizationId?.text), \(bind: guest.role.rawValue), \(bind: try StoredJSON.text(guest.expertise)),
                \(bind: guest.status.rawValue), \(bind: guest.consentToRecording))
        """
    }

    /// The statement that saves `guest`'s changed fields.
    func updateStatement(_ guest: Guest) throws -> SQLQueryString {
        """
        UPDATE guests SET kind = \(bind: guest.kind.rawValue), name = \(bind: guest.name), organization_id = \(bind: guest.organizationId?.text),
            role = \(bind: guest.role.rawValue), expertise = \(bind: try StoredJSON.text(guest.expertise)), status = \(bind: guest.status.rawValue),
            consent_to_recording = \(bind: guest.consentToRecording)
        WHERE id = \(bind: guest.id.text)
        """
    }
}
