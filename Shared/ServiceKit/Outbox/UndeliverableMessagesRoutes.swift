import Foundation
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

    /// The route in OpenAPI terms; the kit adds it to every service's document, as it registers it on
    /// every service. A literal, decoded once: a mistake in it fails every service's tests.
    static let openAPIPathItem = try! JSONDecoder().decode(
        [String: JSONValue].self,
        from: Data(
            #"""
            {"get": {"summary": "Outbox messages this service gave up delivering (admins)",
              "parameters": [
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}},
                {"name": "cursor", "in": "query", "schema": {"type": "string", "minLength": 1}}],
              "responses": {"200": {"description": "A page of undeliverable messages, newest first",
                "content": {"application/json": {"schema": {"type": "object", "required": ["items"]}}}},
                "400": {"description": "A malformed limit or cursor", "content": {"application/problem+json": {"schema": {"type": "object"}}}},
                "401": {"description": "Not signed in", "content": {"application/problem+json": {"schema": {"type": "object"}}}},
                "403": {"description": "Not an admin", "content": {"application/problem+json": {"schema": {"type": "object"}}}},
                "429": {"description": "Too many requests", "content": {"application/problem+json": {"schema": {"type": "object"}}}}}}}
            """#.utf8))

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
