import Foundation
import Hummingbird
import Models
import Persistence
import ServiceKit

/// The changes to an episode's guests: each a change of the episode, with its history entry.
extension EpisodeWorkflow {
    /// Invites `input`'s guest, after the others.
    func addGuest(_ caller: Authorized, ifMatch request: Request, _ input: NewGuest) async throws -> (Episode, Guest) {
        let existing = try await guests.guests(of: caller.episode.id)
        guard existing.count < BroadcastLimits.maxGuests else { throw ServiceError.guestsFull }
        let guest = try input.guest(id: .v7(at: now()))
        let episode = try await change(caller, ifMatch: request) { episode, _ in
            [
                Entry(
                    action: .guest, note: "invited \(guest.id.text) as \(guest.role.rawValue), \(guest.status.rawValue)",
                    statements: [try guests.insertStatement(guest, of: episode.id, position: existing.count)])
            ]
        }
        return (episode, guest)
    }

    /// Changes the guest `guestID` names as `patch` says.
    func editGuest(_ caller: Authorized, _ guestID: UUID?, ifMatch request: Request, _ patch: GuestPatch) async throws -> (Episode, Guest) {
        guard let guestID, let guest = try await guests.guests(of: caller.episode.id).first(where: { $0.id == guestID }) else {
            throw ServiceError.notFound("guest")
        }
        let changed = try patch.applied(to: guest)
        let episode = try await change(caller, ifMatch: request) { _, _ in
            [
                Entry(
                    action: .guest, note: "guest \(guest.id.text): \(changed.status.rawValue), consent \(changed.consentToRecording)",
                    statements: [try guests.updateStatement(changed)])
            ]
        }
        return (episode, changed)
    }
}
