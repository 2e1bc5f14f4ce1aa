import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/broadcasts/episodes/{id}/guests`: who is on air. Staff invite and change guests (a change of
/// the episode: `If-Match` is its ETag, and the answer carries its new one); the public reads the
/// confirmed guests of an announced episode.
struct GuestController {
    let workflow: EpisodeWorkflow
    let guests: GuestRepository

    init(_ components: BroadcastsComponents) {
        workflow = components.workflow
        guests = components.guests
    }

    func register(on router: ServiceRouter) {
        let list = router.group("/api/v1/broadcasts/episodes/{id}/guests")
        list.get(use: self.list)
        list.post(use: add)
        router.group("/api/v1/broadcasts/episodes/{id}/guests/{guestId}").patch(use: edit)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let episode = try await workflow.load(context.episodeID, for: identity)
        var all = try await guests.guests(of: episode.id)
        if !BroadcastAccess.seesUnannounced(identity) { all = all.filter { $0.status == .confirmed } }
        return try .json(GuestList(guests: all), eTag: episode.eTag)
    }

    @Sendable func add(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(BroadcastAccess.staff), episodeID: context.episodeID)
        let input = try await request.decodeJSON(as: NewGuest.self, context: context)
        let (episode, guest) = try await workflow.addGuest(caller, ifMatch: request, input)
        return try .json(guest, status: .created, eTag: episode.eTag)
    }

    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(BroadcastAccess.staff), episodeID: context.episodeID)
        let patch = try await request.decodeJSON(as: GuestPatch.self, context: context)
        let (episode, guest) = try await workflow.editGuest(caller, context.guestID, ifMatch: request, patch)
        return try .json(guest, eTag: episode.eTag)
    }
}
