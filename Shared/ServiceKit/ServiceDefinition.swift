import Configuration
import Foundation
import Logging
import Models
import Persistence

/// What makes one service: its name, default port, migrations and routes. The kit does the rest.
public struct ServiceDefinition: Sendable {
    /// The service's catalog entry.
    public let service: PlatformService
    /// The name ops see (`appeals`); also the audience of assertions addressed to it.
    public var name: String { service.name }
    /// The port when `HTTP_PORT` is unset.
    public var defaultPort: Int { service.defaultPort }
    /// The service's migrations, in order (the kit's own run first).
    public let migrations: [Migration]
    /// Whether every route needs a gateway-signed identity assertion. Only the gateway, which
    /// authenticates people itself, sets this to `false`.
    public let verifiesIdentity: Bool
    /// The service's OpenAPI 3.1 document as its `Sources/Resources/openapi.json` holds it (embedded in the
    /// binary as `PackageResources.openapi_json`); `nil` for a service without an API of its own yet.
    public let openAPIResource: [UInt8]?
    /// Registers the service's routes (and reads any settings of its own from `dependencies.reader`).
    public let registerRoutes: @Sendable (ServiceRouter, ServiceDependencies) async throws -> Void
    /// Secret settings of its own that local runs and tests generate (keys for sealing data, say).
    public let generatedSecrets: [GeneratedSecret]
    /// How the service's server listens beyond every service's settings, read from the configuration at
    /// start-up: only the public entry caps connections per client and serves its metrics on a port of their own.
    public let serverOptions: @Sendable (ConfigReader) throws -> ServerOptions
    /// Runs once at start-up after the migrations, before the server accepts requests (e.g. seeding
    /// the first admin). A failure stops start-up.
    public let afterMigrations: @Sendable (ServiceDependencies) async throws -> Void

    /// Creates the definition of `service`: its name and default port come from its catalog entry.
    public init(
        service: PlatformService,
        migrations: [Migration],
        verifiesIdentity: Bool = true,
        openAPIResource: [UInt8]? = nil,
        generatedSecrets: [GeneratedSecret] = [],
        registerRoutes: @escaping @Sendable (ServiceRouter, ServiceDependencies) async throws -> Void = { _, _ in },
        afterMigrations: @escaping @Sendable (ServiceDependencies) async throws -> Void = { _ in },
        serverOptions: @escaping @Sendable (ConfigReader) throws -> ServerOptions = { _ in ServerOptions() }
    ) {
        self.service = service
        self.serverOptions = serverOptions
        self.migrations = migrations
        self.verifiesIdentity = verifiesIdentity
        self.openAPIResource = openAPIResource
        self.generatedSecrets = generatedSecrets
        self.registerRoutes = registerRoutes
        self.afterMigrations = afterMigrations
    }

    /// Where admins list the outbox messages this service gave up delivering: under its public API prefix,
    /// so the gateway forwards it; `nil` for a service without one.
    public var undeliverableMessagesPath: String? {
        service.pathPrefixes.first { $0.hasPrefix("/api/v1/") }.map { $0 + "/outbox/undeliverable" }
    }

    /// The OpenAPI 3.1 document `GET /openapi.json` serves: the service's own, with the route the kit adds.
    ///
    /// - Throws: ``OpenAPIDocumentError`` when the service's document cannot be read; start-up stops with it.
    public func openAPIDocument() throws -> OpenAPIDocument {
        var document = try openAPIResource.map { try OpenAPIDocument(json: $0, service: name) } ?? OpenAPIDocument(title: name)
        if let path = undeliverableMessagesPath, verifiesIdentity {
            document.paths[path] = .object(UndeliverableMessagesRoutes.openAPIPathItem)
        }
        return document
    }
}

/// How a service's server listens, beyond what every service's settings say.
public struct ServerOptions: Sendable {
    /// The cap on connections per client; none when `nil` (services behind the gateway see only it).
    public var connectionsPerClient: ConnectionsPerClient?
    /// The port of a listener of its own (on `HTTP_HOST`) that serves `GET /metrics`, which the main port then
    /// does not; `nil` serves it on the main port.
    public var metricsPort: Int?

    /// Creates options; the defaults are every service's.
    public init(connectionsPerClient: ConnectionsPerClient? = nil, metricsPort: Int? = nil) {
        self.connectionsPerClient = connectionsPerClient
        self.metricsPort = metricsPort
    }
}

/// What routes of a service may use, built once per application.
public struct ServiceDependencies: Sendable {
    /// The configuration, for settings only this service has.
    public let reader: ConfigReader
    /// The validated settings.
    public let settings: ServiceSettings
    /// The service's database.
    public let database: Database
    /// The service's logger.
    public let logger: Logger
    /// Calls other services as this service.
    public let serviceClient: ServiceClient
    /// Signs as this service (the gateway uses it to vouch for callers).
    public let identitySigner: IdentitySigner
    /// Add to creating `POST` routes to honour `Idempotency-Key`.
    public let idempotency: IdempotencyMiddleware
    /// Runs long-lived services with the application (started with it, stopped after the server).
    public let lifecycle: LifecycleRegistry
    /// What `GET /openapi.json` serves; the gateway replaces it with the merged document.
    public let openAPI: OpenAPIProvider
    /// Where the service writes facts for other services, in the transaction of the change they report.
    public let outbox: Outbox
    /// The time now: the system clock, or a test's, so periods and deadlines are testable without waiting.
    public let now: @Sendable () -> Date
}
