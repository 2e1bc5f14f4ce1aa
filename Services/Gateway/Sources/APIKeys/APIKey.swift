import Foundation
import Models

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
        /// The services a key can be scoped to, by the scope names their catalog entries give.
        static let services = ServiceCatalog.backends.compactMap(\.apiKeyScope)

        /// What a scope lets a key do on its service.
        enum Access: String, CaseIterable, Sendable {
            /// `GET` and `HEAD`.
            case read
            /// Every method.
            case write
        }

        let service: String
        let access: Access

        /// Whether the scope allows every method, not only reading.
        var canWrite: Bool { access == .write }

        init?(rawValue: String) {
            let parts = rawValue.split(separator: ":").map(String.init)
            guard parts.count == 2, Self.services.contains(parts[0]), let access = Access(rawValue: parts[1]) else { return nil }
            service = parts[0]
            self.access = access
        }

        var rawValue: String { "\(service):\(access.rawValue)" }
    }

    /// Whether the key may send `method` to the service whose path prefixes cover `path`.
    func allows(method: String, path: String) -> Bool {
        guard let service = ServiceCatalog.owner(of: path)?.apiKeyScope else { return false }
        let isRead = method == "GET" || method == "HEAD"
        return scopes.contains { $0.service == service && ($0.canWrite || isRead) }
    }
}
