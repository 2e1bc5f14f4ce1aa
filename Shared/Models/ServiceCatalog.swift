/// One of the platform's executables as every other part sees it: the gateway's upstreams and route
/// policy, API-key scopes, `openmedia`, the test configuration and `deploy/check` all read this entry.
public struct PlatformService: Sendable, Hashable {
    /// The name ops see (`events-and-hearings`): the executable, the audience of identity assertions
    /// addressed to it, and the `SERVICES_<NAME>_URL` setting of its base URL.
    public let name: String
    /// The Swift module that holds its definition (`EventsAndHearings`).
    public let module: String
    /// The port it listens on when `HTTP_PORT` is unset.
    public let defaultPort: Int
    /// The public path prefixes the gateway forwards to it, unchanged (`/api/v1/events` covers
    /// `/api/v1/events/…`); empty for the gateway.
    public let pathPrefixes: [String]
    /// The service part of API-key scopes (`events` in `events:read`); `nil` when keys cannot reach it.
    public let apiKeyScope: String?
    /// Its PostgreSQL database and role (`events_and_hearings`), and its SQLite file's name.
    public let databaseName: String
    /// Routes whose access at the gateway differs from the default, which is "any signed-in caller".
    public let edgeRoutes: [EdgeRoute]
    /// The outbox message types (`appeals.appeal.answered`) its `POST /internal/events` applies: senders
    /// write each fact for every service that receives its type.
    public let receives: Set<String>

    /// Describes a service; the catalog's entries give every field, a test's own service only its name.
    public init(
        name: String, module: String = "", defaultPort: Int = 0, pathPrefixes: [String] = [], apiKeyScope: String? = nil,
        databaseName: String? = nil, edgeRoutes: [EdgeRoute] = [], receives: Set<String> = []
    ) {
        self.name = name
        self.module = module
        self.defaultPort = defaultPort
        self.pathPrefixes = pathPrefixes
        self.apiKeyScope = apiKeyScope
        self.databaseName = databaseName ?? String(name.map { $0 == "-" ? "_" : $0 })
        self.edgeRoutes = edgeRoutes
        self.receives = receives
    }

    /// Whether `path` is one of this service's prefixes or lies below one.
    public func owns(_ path: String) -> Bool {
        pathPrefixes.contains { path == $0 || path.hasPrefix($0 + "/") }
    }
}

/// The platform's services, in one place. Adding a service adds its entry here (and its folder,
/// `Package.swift`, `compose.yaml` and the README: see the README's "Adding a service").
///
/// `deploy/compose_check.py` reads the entries below with a regular expression: keep each
/// `PlatformService(` call's first six arguments first, in this order, with literal values.
public enum ServiceCatalog {
    /// The one public entry: sign-in, roles, API keys, routing, limits, dashboards.
    public static let gateway = PlatformService(
        name: "gateway", module: "Gateway", defaultPort: 8080, pathPrefixes: [], apiKeyScope: nil, databaseName: "gateway",
        edgeRoutes: []
    )
    /// Citizens' appeals. The public sends and tracks appeals, reads published (redacted) copies and
    /// their categories, and reads Open311 (partners write it with an API key); the service decides per appeal and role for everything else
    /// (a council sees its region without personal data, a CSO its own submissions, stakeholders only
    /// statistics), so the gateway must not turn those callers away.
    public static let appeals = PlatformService(
        name: "appeals", module: "Appeals", defaultPort: 8081,
        pathPrefixes: ["/api/v1/appeals", "/open311/v2", "/open311/discovery.json", "/open311/discovery.xml"], apiKeyScope: "appeals", databaseName: "appeals",
        edgeRoutes: [
            EdgeRoute("/api/v1/appeals", [.post], .public, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
            EdgeRoute("/api/v1/appeals/track/**", EdgeRoute.reads, .public),
            // Tracking by POST keeps the code out of proxies' access logs.
            EdgeRoute("/api/v1/appeals/track", [.post], .public),
            EdgeRoute("/api/v1/appeals/categories/**", EdgeRoute.reads, .public),
            EdgeRoute("/api/v1/appeals/published/**", EdgeRoute.reads, .public),
            EdgeRoute("/api/v1/appeals/vulnerable-groups/**", EdgeRoute.reads, .public),
            EdgeRoute("/open311/v2/**", EdgeRoute.reads, .public),
            EdgeRoute("/open311/v2/requests.json", [.post], .signedIn, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
            EdgeRoute("/open311/v2/requests.xml", [.post], .signedIn, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
            EdgeRoute("/open311/discovery.json", EdgeRoute.reads, .public),
            EdgeRoute("/open311/discovery.xml", EdgeRoute.reads, .public),
            EdgeRoute("/api/v1/appeals/stats", EdgeRoute.reads, .anyRole([.admin, .coordinator, .verifier, .legalExpert, .stakeholder])),
        ],
        receives: [BroadcastAnswer.messageType]
    )
    /// Public platforms, hearings, trainings, attendance and outcomes. Anyone reads events: the service
    /// decides per event and caller what they see (the public only published public events), so the gateway
    /// must not turn the public away from reads, nor from registering for an event; every other change
    /// needs a signed-in caller.
    public static let eventsAndHearings = PlatformService(
        name: "events-and-hearings", module: "EventsAndHearings", defaultPort: 8082, pathPrefixes: ["/api/v1/events"], apiKeyScope: "events",
        databaseName: "events_and_hearings",
        edgeRoutes: [
            EdgeRoute("/api/v1/events/**", EdgeRoute.reads, .public),
            EdgeRoute("/api/v1/events/outbox/**", EdgeRoute.reads, .anyRole([.admin])),
            // The public registers for an event (it names the event in the body), and looks a registration up
            // or withdraws it by its code.
            EdgeRoute("/api/v1/events/registrations", [.post], .public, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
            EdgeRoute("/api/v1/events/registrations/lookup", [.post], .public, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
            EdgeRoute("/api/v1/events/registrations/withdraw", [.post], .public, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
        ]
    )
    /// Partner media, journalists, agreements, monitored publications.
    public static let mediaPartners = PlatformService(
        name: "media-partners", module: "MediaPartners", defaultPort: 8083, pathPrefixes: ["/api/v1/media"], apiKeyScope: "media",
        databaseName: "media_partners",
        edgeRoutes: []
    )
    /// Live broadcasts with the Ombudsman and experts, the question queue. Anyone reads shows and episodes:
    /// the service decides per episode and caller what they see (the public only announced ones), so the
    /// gateway must not turn the public away from reads; every change needs a signed-in caller.
    public static let broadcasts = PlatformService(
        name: "broadcasts", module: "Broadcasts", defaultPort: 8084, pathPrefixes: ["/api/v1/broadcasts"], apiKeyScope: "broadcasts",
        databaseName: "broadcasts",
        edgeRoutes: [
            EdgeRoute("/api/v1/broadcasts/**", EdgeRoute.reads, .public),
            EdgeRoute("/api/v1/broadcasts/outbox/**", EdgeRoute.reads, .anyRole([.admin])),
            // The public asks (naming the episode in the body), reads its own question by the receipt code, and
            // upvotes; the live stream is a read, so already open to it.
            EdgeRoute("/api/v1/broadcasts/questions", [.post], .public, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
            EdgeRoute("/api/v1/broadcasts/questions/lookup", [.post], .public, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
            EdgeRoute("/api/v1/broadcasts/questions/upvotes", [.post], .public, maxBodyBytes: EdgeRoute.publicSubmissionMaxBodyBytes),
        ]
    )
    /// The trilingual library of manuals, guides and reports.
    public static let knowledge = PlatformService(
        name: "knowledge", module: "Knowledge", defaultPort: 8085, pathPrefixes: ["/api/v1/knowledge"], apiKeyScope: "knowledge", databaseName: "knowledge",
        edgeRoutes: []
    )
    /// Mini-grants and competitions: calls, applications, scoring, awards.
    public static let grants = PlatformService(
        name: "grants", module: "Grants", defaultPort: 8086, pathPrefixes: ["/api/v1/grants"], apiKeyScope: "grants", databaseName: "grants",
        edgeRoutes: []
    )

    /// Every service, the gateway first.
    public static let all: [PlatformService] = [gateway, appeals, eventsAndHearings, mediaPartners, broadcasts, knowledge, grants]

    /// The services behind the gateway, in start order.
    public static var backends: [PlatformService] { all.filter { $0 != gateway } }

    /// The service called `name`, if there is one.
    public static func service(named name: String) -> PlatformService? {
        all.first { $0.name == name }
    }

    /// The services that receive messages of `type`, by name.
    public static func receivers(of type: String) -> [String] {
        backends.filter { $0.receives.contains(type) }.map(\.name)
    }

    /// The service whose path prefixes cover `path`, if any.
    public static func owner(of path: String) -> PlatformService? {
        backends.first { $0.owns(path) }
    }
}
