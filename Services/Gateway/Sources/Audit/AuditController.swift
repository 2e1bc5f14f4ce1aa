import Foundation
import Hummingbird
import Models
import ServiceKit

/// `GET /api/v1/audit`: the security audit log, newest first, for admins.
struct AuditController {
    let audit: AuditRepository

    func register(on router: ServiceRouter) {
        router.get("/api/v1/audit", use: list)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<AuditEntry> {
        _ = try context.requireAdmin()
        let query = request.uri.queryParameters
        var filter = AuditRepository.Filter()
        filter.action = try request.enumQuery("action")
        filter.actor = query["actor"].map(String.init)
        filter.targetID = query["targetId"].map(String.init)
        filter.from = try request.dateQuery("from")
        filter.to = try request.dateQuery("to")
        return try await audit.list(filter, page: try request.pageRequest())
    }
}

extension AuditEntry: ResponseEncodable {}
