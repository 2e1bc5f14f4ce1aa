import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// `/api/v1/broadcasts/shows`: the series everyone may read and staff run. A change needs `If-Match`.
struct ShowController {
    let shows: ShowRepository
    let idempotency: IdempotencyMiddleware
    let now: @Sendable () -> Date

    init(_ components: BroadcastsComponents) {
        shows = components.shows
        idempotency = components.idempotency
        now = components.now
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/broadcasts/shows").get(use: list)
        router.group("/api/v1/broadcasts/shows").add(middleware: idempotency).post(use: create)
        let show = router.group("/api/v1/broadcasts/shows/{showId}")
        show.get(use: get)
        show.patch(use: edit)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<ShowDocument> {
        _ = try context.requireIdentity()
        return try await shows.list(page: try request.pageRequest()).map(ShowDocument.init)
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requireIdentity()
        return try ShowDocument.response(try await load(context.showID))
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requireRole(BroadcastAccess.staff)
        let details = try await request.decodeJSON(as: NewShow.self, context: context).details()
        let now = now()
        let show = Show(id: .v7(at: now), details: details, createdBySubject: principal.subject, createdAt: now, updatedAt: now, version: 1)
        try await shows.insert(show)
        return try ShowDocument.response(show, status: .created)
    }

    @Sendable func edit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requireRole(BroadcastAccess.staff)
        var show = try await load(context.showID)
        try request.checkIfMatch(currentETag: show.eTag)
        let patch = try await request.decodeJSON(as: ShowPatch.self, context: context)
        let expectedVersion = show.version
        show.details = try patch.applied(to: show.details)
        show.version += 1
        show.updatedAt = now()
        guard try await shows.update(show, expectedVersion: expectedVersion) else { throw ServiceError.staleVersion }
        return try ShowDocument.response(show)
    }

    private func load(_ id: UUID?) async throws -> Show {
        guard let id, let show = try await shows.find(id) else { throw ServiceError.notFound("show") }
        return show
    }
}

extension ServiceRequestContext {
    /// The `{showId}` of a show's path, or `nil` when it is not a UUID (answered as 404).
    var showID: UUID? { parameters.get("showId", as: UUID.self) }
    /// The `{id}` of an episode's path, or `nil` when it is not a UUID (answered as 404).
    var episodeID: UUID? { parameters.get("id", as: UUID.self) }
    /// The `{guestId}` of a guest's path, or `nil` when it is not a UUID (answered as 404).
    var guestID: UUID? { parameters.get("guestId", as: UUID.self) }
}
