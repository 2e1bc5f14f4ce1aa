import Foundation

/// A partner system's credential: belongs to one organisation, carries scopes, stored only as a hash.
struct APIKey: Codable, Equatable, Sendable {
    var id: UUID
    var organizationId: UUID
    var name: String
    /// The key's public prefix (`omk_<prefix>_…`), shown in lists so people can tell keys apart.
    var prefix: String
    var scopes: [Scope]
    var createdBy: String
    var createdAt: Date
    var lastUsedAt: Date?
    var revokedAt: Date?
    /// When the key stops working by itself, if it was given an end.
    var expiresAt: Date?

    /// Whether the key may be used at `now`: not revoked, not expired.
    func isLive(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? true)
    }

    /// What a key may reach: one service's routes, read-only (`GET`, `HEAD`) or read and write.
    struct Scope: Codable, Hashable, Sendable, RawRepresentable {
        /// The services a key can be scoped to, by their public path segment.
        static let services = ["appeals", "events", "media", "broadcasts", "knowledge", "grants"]

        let service: String
        let canWrite: Bool

        init?(rawValue: String) {
            let parts = rawValue.split(separator: ":").map(String.init)
            guard parts.count == 2, Self.services.contains(parts[0]), ["read", "write"].contains(parts[1]) else { return nil }
            service = parts[0]
            canWrite = parts[1] == "write"
        }

        var rawValue: String { "\(service):\(canWrite ? "write" : "read")" }
    }

    /// Whether the key may send `method` to the service at `path` (`/api/v1/<service>/…`, or Open311 for appeals).
    func allows(method: String, path: String) -> Bool {
        let segments = path.split(separator: "/")
        let service: String
        if segments.starts(with: ["api", "v1"]), segments.count >= 3 {
            service = String(segments[2])
        } else if segments.starts(with: ["open311"]) {
            service = "appeals"
        } else {
            return false
        }
        let isRead = method == "GET" || method == "HEAD"
        return scopes.contains { $0.service == service && ($0.canWrite || isRead) }
    }
}
