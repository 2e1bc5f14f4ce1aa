import HTTPTypes
import Models
import ServiceKit

/// Who may use a route at the gateway: declared by each service in its ``ServiceCatalog`` entry.
typealias RouteAccess = EdgeRoute.Access

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
        let declaration = EdgeRoute(pattern, [], access)
        specificity = declaration.specificity
        subtree = declaration.subtreeRoot.map { ($0, $0 + "/") }
    }

    /// The rule a service declared.
    init(_ declaration: EdgeRoute) {
        self.init(
            declaration.pattern, Set(declaration.methods.map { HTTPRequest.Method(rawValue: $0.rawValue)! }),
            declaration.access, maxBodyBytes: declaration.maxBodyBytes
        )
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
    /// The body limit of the public submission routes (``EdgeRoute/publicSubmissionMaxBodyBytes``).
    static let publicSubmissionMaxBodyBytes = EdgeRoute.publicSubmissionMaxBodyBytes
    /// The platform's policy, built from what each service declares in ``ServiceCatalog``: public only
    /// where DESIGN.md makes the public a user; everything else signed-in, and each service checks roles
    /// per object.
    static let standard = RoutePolicyTable(rules: ServiceCatalog.backends.flatMap { $0.edgeRoutes.map(RouteRule.init) })
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
