/// A service's declaration of who may use some of its routes at the gateway, the platform's edge.
///
/// Coarse by design: services still check object-level access. A route no declaration covers is open to
/// any signed-in caller, so a route nobody thought about is never public by accident.
public struct EdgeRoute: Sendable, Hashable {
    /// The methods a declaration may cover.
    public enum Method: String, Sendable, Hashable, CaseIterable {
        case get = "GET"
        case head = "HEAD"
        case post = "POST"
        case put = "PUT"
        case patch = "PATCH"
        case delete = "DELETE"
    }

    /// Who may use a route at the gateway.
    public enum Access: Sendable, Hashable {
        /// Anyone, signed in or not.
        case `public`
        /// Any signed-in person or API key.
        case signedIn
        /// Only callers holding at least one of these roles.
        case anyRole(Set<Role>)
    }

    /// `GET` and `HEAD`.
    public static let reads: Set<Method> = [.get, .head]
    /// The body limit of the public submission routes: an appeal's fields fit many times over, while a
    /// megabyte from anyone at all is refused at the edge, before a service decodes it.
    public static let publicSubmissionMaxBodyBytes = 64 << 10

    /// An exact path (`/api/v1/appeals`) or a subtree (`/api/v1/appeals/track/**`, which includes its root).
    public let pattern: String
    /// The methods the declaration covers.
    public let methods: Set<Method>
    /// Who may call.
    public let access: Access
    /// The largest request body the gateway accepts; its default when `nil`.
    public let maxBodyBytes: Int?

    /// Declares `access` (and a body limit) for `methods` on `pattern`.
    public init(_ pattern: String, _ methods: Set<Method>, _ access: Access, maxBodyBytes: Int? = nil) {
        self.pattern = pattern
        self.methods = methods
        self.access = access
        self.maxBodyBytes = maxBodyBytes
    }

    /// For a subtree, its root (the pattern without `/**`); `nil` for an exact path.
    public var subtreeRoot: String? {
        pattern.hasSuffix("/**") ? String(pattern.dropLast(3)) : nil
    }

    /// How specific the declaration is: where several match, the most specific decides. An exact path
    /// beats the subtree rooted at it.
    public var specificity: Int {
        subtreeRoot.map(\.count) ?? pattern.count + 1
    }
}
