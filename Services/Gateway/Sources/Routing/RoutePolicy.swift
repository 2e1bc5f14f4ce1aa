import HTTPTypes
import Models
import ServiceKit

/// Who may use a route at the gateway. Coarse by design: services still check object-level access.
enum RouteAccess: Sendable, Equatable {
    /// Anyone, signed in or not.
    case `public`
    /// Any signed-in person or API key.
    case signedIn
    /// Only callers holding at least one of these roles.
    case anyRole(Set<Role>)
}

/// One row of the policy table: which paths and methods it covers, who may use them, and how large a body may be.
struct RouteRule: Sendable {
    /// An exact path (`/api/v1/appeals`) or a subtree (`/api/v1/appeals/track/**`, which includes its root).
    let pattern: String
    /// The methods the rule covers.
    let methods: Set<HTTPRequest.Method>
    /// Who may call.
    let access: RouteAccess
    /// The largest request body accepted; the table's default when `nil`.
    let maxBodyBytes: Int?

    /// How specific the rule is; the most specific matching rule wins.
    let specificity: Int
    /// For a subtree, its root and the prefix of what lies below it: worked out once, since every
    /// proxied request is matched against every rule.
    private let subtree: (root: String, prefix: String)?

    init(_ pattern: String, _ methods: Set<HTTPRequest.Method>, _ access: RouteAccess, maxBodyBytes: Int? = nil) {
        self.pattern = pattern
        self.methods = methods
        self.access = access
        self.maxBodyBytes = maxBodyBytes
        if pattern.hasSuffix("/**") {
            let root = String(pattern.dropLast(3))
            subtree = (root, root + "/")
            specificity = root.count
        } else {
            subtree = nil
            specificity = pattern.count + 1
        }
    }

    func matches(path: String, method: HTTPRequest.Method) -> Bool {
        guard methods.contains(method) else { return false }
        if let subtree { return path == subtree.root || path.hasPrefix(subtree.prefix) }
        return path == pattern
    }
}

/// The gateway's route policy: the most specific rule matching a request decides; no match means
/// signed-in only, so a route nobody thought about is never public by accident.
struct RoutePolicyTable: Sendable {
    /// The rules, in any order.
    let rules: [RouteRule]
    /// The body limit of rules that do not set one: 1 MiB, like every service's own limit.
    var defaultMaxBodyBytes = 1 << 20

    /// The rule for a request, or the signed-in fallback.
    func rule(path: String, method: HTTPRequest.Method) -> RouteRule {
        var best: RouteRule?
        for rule in rules where rule.matches(path: path, method: method) {
            if let found = best, found.specificity >= rule.specificity { continue }
            best = rule
        }
        return best ?? RouteRule(path, [method], .signedIn)
    }

    /// The body limit for a request.
    func maxBodyBytes(for rule: RouteRule) -> Int {
        rule.maxBodyBytes ?? defaultMaxBodyBytes
    }
}

extension RoutePolicyTable {
    /// The body limit of the public submission routes: an appeal's fields fit many times over, while a
    /// megabyte from anyone at all is refused at the edge, before a service decodes it.
    static let publicSubmissionMaxBodyBytes = 64 << 10
    private static let reads: Set<HTTPRequest.Method> = [.get, .head]
    private static let every: Set<HTTPRequest.Method> = [.get, .head, .post, .put, .patch, .delete]

    /// The platform's policy. Public only where DESIGN.md makes the public a user: citizens submit and
    /// track appeals, read published (redacted) appeals and their categories, and use Open311.
    /// Every other upstream defaults to signed-in; each service checks roles per object.
    static let standard = RoutePolicyTable(rules: [
        // appeals: the public side first, then signed-in for the rest. The appeals service decides per
        // appeal and role (a council sees its region without personal data, a CSO its own submissions,
        // stakeholders only statistics), so the gateway must not turn those callers away.
        RouteRule("/api/v1/appeals", [.post], .public, maxBodyBytes: publicSubmissionMaxBodyBytes),
        RouteRule("/api/v1/appeals/track/**", reads, .public),
        RouteRule("/api/v1/appeals/categories/**", reads, .public),
        RouteRule("/api/v1/appeals/published/**", reads, .public),
        RouteRule("/api/v1/appeals/vulnerable-groups/**", reads, .public),
        RouteRule("/open311/v2/**", reads.union([.post]), .public),
        RouteRule("/open311/v2/requests.json", [.post], .public, maxBodyBytes: publicSubmissionMaxBodyBytes),
        RouteRule("/api/v1/appeals/stats", reads, .anyRole([.admin, .coordinator, .verifier, .legalExpert, .stakeholder])),
        RouteRule("/api/v1/appeals/**", every, .signedIn),
        // The other upstreams: signed-in by default.
        RouteRule("/api/v1/events/**", every, .signedIn),
        RouteRule("/api/v1/media/**", every, .signedIn),
        RouteRule("/api/v1/broadcasts/**", every, .signedIn),
        RouteRule("/api/v1/knowledge/**", every, .signedIn),
        RouteRule("/api/v1/grants/**", every, .signedIn),
    ])
}

extension RouteAccess {
    /// Throws 401 for the public and 403 for callers without the access this route needs.
    func authorize(_ identity: Identity?) throws(ServiceError) {
        let principal: Principal?
        switch identity {
        case nil, .anonymous?: principal = nil
        case .principal(let signedIn)?: principal = signedIn
        // Services never call through the gateway; they are not people and get no access here.
        case .service?: throw ServiceError.forbidden
        }
        switch self {
        case .public:
            return
        case .signedIn:
            guard principal != nil else { throw ServiceError.authenticationRequired }
        case .anyRole(let roles):
            guard let principal else { throw ServiceError.authenticationRequired }
            guard !principal.roles.isDisjoint(with: roles) else { throw ServiceError.forbidden }
        }
    }
}
