import Foundation
import Configuration
import Logging
import Models
import Persistence

/// What makes one service: its name, default port, migrations and routes. The kit does the rest.
public struct ServiceDefinition: Sendable {
    /// The name ops see (`appeals`); also the audience of assertions addressed to it.
    public let name: String
    /// The port when `HTTP_PORT` is unset.
    public let defaultPort: Int
    /// The service's migrations, in order (the kit's own run first).
    public let migrations: [Migration]
    /// Whether every route needs a gateway-signed identity assertion. Only the gateway, which
    /// authenticates people itself, sets this to `false`.
    public let verifiesIdentity: Bool
    /// The service's API as OpenAPI paths (served at `GET /openapi.json`, merged by the gateway).
    public let openAPIPaths: [String: JSONValue]
    /// Schemas and other components the paths refer to.
    public let openAPIComponents: [String: JSONValue]
    /// Registers the service's routes (and reads any settings of its own from `dependencies.reader`).
    public let registerRoutes: @Sendable (ServiceRouter, ServiceDependencies) async throws -> Void
    /// Secret settings of its own that local runs and tests generate (keys for sealing data, say).
    public let generatedSecrets: [GeneratedSecret]
    /// Runs once at start-up after the migrations, before the server accepts requests (e.g. seeding
    /// the first admin). A failure stops start-up.
    public let afterMigrations: @Sendable (ServiceDependencies) async throws -> Void

    /// Creates the definition of one of the platform's services: its name and port come from its catalog entry.
    public init(
        service: PlatformService,
        migrations: [Migration],
        verifiesIdentity: Bool = true,
        openAPIPaths: [String: JSONValue] = [:],
        openAPIComponents: [String: JSONValue] = [:],
        generatedSecrets: [GeneratedSecret] = [],
        registerRoutes: @escaping @Sendable (ServiceRouter, ServiceDependencies) async throws -> Void = { _, _ in },
        afterMigrations: @escaping @Sendable (ServiceDependencies) async throws -> Void = { _ in }
    ) {
        self.init(
            name: service.name, defaultPort: service.defaultPort, migrations: migrations, verifiesIdentity: verifiesIdentity,
            openAPIPaths: openAPIPaths, openAPIComponents: openAPIComponents, generatedSecrets: generatedSecrets,
            registerRoutes: registerRoutes, afterMigrations: afterMigrations
        )
    }

    /// Creates a definition by name and port, for services outside the catalog (tests' own).
    public init(
        name: String,
        defaultPort: Int,
        migrations: [Migration],
        verifiesIdentity: Bool = true,
        openAPIPaths: [String: JSONValue] = [:],
        openAPIComponents: [String: JSONValue] = [:],
        generatedSecrets: [GeneratedSecret] = [],
        registerRoutes: @escaping @Sendable (ServiceRouter, ServiceDependencies) async throws -> Void = { _, _ in },
        afterMigrations: @escaping @Sendable (ServiceDependencies) async throws -> Void = { _ in }
    ) {
        self.name = name
        self.defaultPort = defaultPort
        self.migrations = migrations
        self.verifiesIdentity = verifiesIdentity
        self.openAPIPaths = openAPIPaths
        self.openAPIComponents = openAPIComponents
        self.generatedSecrets = generatedSecrets
        self.registerRoutes = registerRoutes
        self.afterMigrations = afterMigrations
    }

    /// The OpenAPI 3.1 document of the service's own API.
    public var openAPIDocument: OpenAPIDocument {
        OpenAPIDocument(title: name, paths: openAPIPaths, components: openAPIComponents)
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
