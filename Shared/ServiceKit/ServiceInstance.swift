import Configuration
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import Persistence
import ServiceLifecycle

/// A built service: the Hummingbird application plus the state the kit keeps around it.
///
/// `run()` serves until SIGTERM/SIGINT (via the enclosing `ServiceGroup`): `/ready` turns 503 at once,
/// in-flight requests finish, then the database pool and HTTP client close.
public struct ServiceInstance: Service {
    /// The application; tests drive it with `application.test(.router)` or `.live`.
    public let application: Application<RouterResponder<ServiceRequestContext>>
    /// Whether the service is migrated and not draining.
    public let readiness: Readiness
    /// The validated settings.
    public let settings: ServiceSettings
    /// The request metrics `/metrics` renders.
    public let metrics: RequestMetrics
    /// The listener serving `/metrics` on a port of its own, when the service has one.
    public let metricsListener: MetricsListener?
    /// The methods the service answers on each path template, the kit's routes included (not the 405 and
    /// `OPTIONS` answers the kit adds for the other methods).
    public let routes: [String: Set<HTTPRequest.Method>]
    /// What runs alongside the server, and as soon as the service begins to stop.
    let lifecycle: LifecycleRegistry
    /// Checks the database and migrates it, as start-up does before the server listens (again at start-up, which
    /// then finds nothing to do). A test that serves the application on a port calls it first: Hummingbird's live
    /// test framework waits forever for the port of a server whose start-up failed, while this throws the reason.
    public let prepareDatabase: @Sendable () async throws -> Void
    /// The database pool and HTTP client, closed once the server has stopped.
    let resources: ResourceCloser

    /// Builds a service from its definition and configuration.
    ///
    /// Nothing connects yet: the database is checked and migrated just before the server starts, so a
    /// bad database stops start-up with a message naming it.
    ///
    /// - Parameters:
    ///   - logHandler: Where the service logs; the process-wide bootstrap when `nil` (tests capture logs with it).
    ///   - onServerRunning: Called with the bound port once the server listens (useful with port 0).
    ///   - outboxPolicy: How the outbox delivers (tests shorten its delays).
    ///   - clock: The time now, for the service's own periods and deadlines (tests move it).
    /// - Throws: ``ConfigurationError`` for a missing or malformed setting.
    public static func build(
        _ definition: ServiceDefinition,
        reader: ConfigReader,
        logHandler: (@Sendable (String) -> any LogHandler)? = nil,
        onServerRunning: (@Sendable (Int) async -> Void)? = nil,
        outboxPolicy: OutboxPolicy = OutboxPolicy(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) async throws -> ServiceInstance {
        let settings = try ServiceSettings(
            serviceName: definition.name, reader: reader,
            defaultPort: definition.defaultPort, requiresGatewayKey: definition.verifiesIdentity
        )
        let serverOptions = try definition.serverOptions(reader)
        let openAPI = OpenAPIProvider(document: try definition.openAPIDocument())
        var logger = logHandler.map { Logger(label: definition.name, factory: $0) } ?? Logger(label: definition.name)
        logger.logLevel = settings.logLevel

        let database: Database
        do {
            database = try Database.open(settings.database, logger: logger)
        } catch {
            throw ConfigurationError(setting: "DATABASE_URL", problem: error.description)
        }
        let signer = await IdentitySigner(issuer: definition.name, privateKey: settings.signingKey)
        let serviceClient = ServiceClient(signer: signer, serviceURLs: settings.serviceURLs)
        let idempotencyStore = IdempotencyStore(database: database)
        let readiness = Readiness()
        let metrics = RequestMetrics()

        let router = ServiceRouter(router: Router(context: ServiceRequestContext.self, options: .autoGenerateHeadEndpoints))
        // Outermost first: the request ID covers every log line and response; observability sees every
        // response, errors included, because problem details are rendered inside it.
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: ObservabilityMiddleware(metrics: metrics))
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: settings.maxBodyBytes))
        router.add(middleware: NULGuardMiddleware())
        if let gatewayKey = settings.gatewayPublicKey, definition.verifiesIdentity {
            let verifier = await IdentityVerifier(
                audience: definition.name, gatewayKey: gatewayKey, serviceKeys: settings.trustedServiceKeys
            )
            router.add(middleware: IdentityMiddleware(verifier: verifier))
        }
        let lifecycle = LifecycleRegistry()
        let outbox = Outbox(database: database)
        let dependencies = ServiceDependencies(
            reader: reader, settings: settings, database: database, logger: logger, serviceClient: serviceClient,
            identitySigner: signer, idempotency: IdempotencyMiddleware(store: idempotencyStore),
            lifecycle: lifecycle, openAPI: openAPI, outbox: outbox, now: clock
        )
        do {
            try await definition.registerRoutes(router, dependencies)
            if let path = definition.undeliverableMessagesPath, definition.verifiesIdentity {
                UndeliverableMessagesRoutes(outbox: outbox, path: path).register(on: router)
            }
        } catch {
            // A setting of the service's own is missing or malformed: nothing will run, so close what was opened.
            await lifecycle.closeUnstarted()
            try? await serviceClient.shutdown()
            try? await database.close()
            throw error
        }
        // After the service's own: Hummingbird applies a middleware only to routes registered after it, so
        // router-wide middleware a service adds (the gateway's security headers) covers these too. Such
        // middleware must let them through without an identity.
        OperationalRoutes(
            database: database, readiness: readiness, metrics: metrics, openAPI: openAPI,
            servesMetrics: serverOptions.metricsPort == nil
        ).register(on: router)
        let routes = router.registeredRoutes
        router.addMethodNotAllowedResponders()

        let timeouts = settings.timeouts
        var application = Application(
            router: router.router,
            server: GuardedHTTP1Channel.builder(timeouts: timeouts, connectionsPerClient: serverOptions.connectionsPerClient),
            configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: nil),
            onServerRunning: { channel in
                await onServerRunning?(channel.localAddress?.port ?? settings.port)
            },
            logger: logger
        )
        let metricsListener = serverOptions.metricsPort.map {
            MetricsListener(host: settings.host, port: $0, metrics: metrics, timeouts: timeouts, logger: logger)
        }
        if let metricsListener { application.addServices(metricsListener.application) }
        let resources = ResourceCloser(database: database, serviceClient: serviceClient, logger: logger)
        application.addServices(
            resources,
            IdempotencyPurger(store: idempotencyStore, logger: logger)
        )
        // After the kit's own, before the server: they stop once the server has drained.
        application.addServices(lifecycle.registered)
        application.addServices(
            OutboxDelivery(
                store: outbox.store, client: serviceClient, sender: definition.name, signal: outbox.signal, policy: outboxPolicy,
                metrics: OutboxMetrics(registry: metrics.registry), readiness: readiness, logger: logger
            ))
        let migrations = [IdempotencyStore.migration, Outbox.migration, InboxRoutes.migration] + definition.migrations
        let startupLogger = logger
        let prepareDatabase: @Sendable () async throws -> Void = {
            try await database.checkReachable(timeout: .seconds(5))
            try await MigrationRunner(database: database, migrations: migrations, logger: startupLogger).run()
            try await definition.afterMigrations(dependencies)
            readiness.markMigrated()
            startupLogger.info("database ready", metadata: ["database": .string(database.redactedDescription)])
        }
        application.beforeServerStarts(perform: prepareDatabase)
        return ServiceInstance(
            application: application, readiness: readiness, settings: settings, metrics: metrics, metricsListener: metricsListener,
            routes: routes, lifecycle: lifecycle, prepareDatabase: prepareDatabase, resources: resources
        )
    }

    /// Closes the database pool, the HTTP client and what the service's routes registered in its lifecycle (the
    /// gateway's upstream client) of an instance that will not run (its start-up failed before it served).
    /// Running closes them itself; an HTTP client dropped open is a crash in a debug build.
    public func discard() async {
        await lifecycle.closeUnstarted()
        await resources.close()
    }

    public func run() async throws {
        do {
            try await withGracefulShutdownHandler {
                try await application.run()
            } onGracefulShutdown: {
                readiness.beginDraining()
                lifecycle.shutdownBegins()
            }
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw ConfigurationError(
                setting: "HTTP_PORT",
                problem: "port \(settings.port) on \(settings.host) is already in use by another process"
            )
        }
    }
}

/// Closes the database pool and HTTP client after the server has stopped.
///
/// Services shut down in reverse order of registration and the server is the last one added, so this
/// runs only once in-flight requests are done.
struct ResourceCloser: Service {
    let database: Database
    let serviceClient: ServiceClient
    let logger: Logger

    func run() async throws {
        try? await gracefulShutdown()
        await close()
    }

    func close() async {
        do {
            try await serviceClient.shutdown()
            try await database.close()
        } catch {
            logger.warning("closing resources failed", metadata: ["error": "\(error)"])
        }
    }
}

/// Deletes expired idempotency keys every few minutes.
struct IdempotencyPurger: Service {
    let store: IdempotencyStore
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled, !Task.isShuttingDownGracefully {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: IdempotencyStore.purgeInterval) }
            } catch {
                return
            }
            do {
                try await store.purgeExpired()
            } catch {
                logger.warning("purging idempotency keys failed", metadata: ["error.type": "\(type(of: error))"])
            }
        }
    }
}
