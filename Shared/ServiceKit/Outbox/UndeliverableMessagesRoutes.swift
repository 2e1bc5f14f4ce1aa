import Hummingbird
import Models

/// Lists the messages this service gave up delivering, for admins: they are kept, never dropped, so an
/// admin can see what a receiver refused and why.
public struct UndeliverableMessagesRoutes: Sendable {
    let store: OutboxStore
    let path: String

    /// Serves the list at `path` under the service's public prefix (e.g. `/api/v1/appeals/outbox/undeliverable`).
    public init(outbox: Outbox, path: String) {
        store = outbox.store
        self.path = path
    }

    /// Registers `GET path`.
    public func register(on router: ServiceRouter) {
        router.get(RouterPath(path), use: list)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<OutboxStore.Undeliverable> {
        _ = try context.requireRole([.admin])
        let page = try request.pageRequest()
        let messages = try await store.undeliverable(limit: page.limit + 1, after: page.cursor?.id)
        return Page(fetched: messages, limit: page.limit) { Cursor(key: "", id: $0.id) }
    }
}
