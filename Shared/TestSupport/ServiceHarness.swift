import Foundation
import HummingbirdTesting
import Logging
import Persistence
import ServiceKit

/// Starts services for tests the way the platform runs them: each from its ``ServiceDefinition``, on a
/// fresh database of its own with the test keys, and drops the databases afterwards, whether the test
/// passed or threw. Any service's tests can use it: the definitions are passed in.
public enum ServiceHarness {
    /// Runs `body` with `definition` started on a fresh database of `kind`.
    ///
    /// - Parameters:
    ///   - settings: Dotted configuration keys that win over the test configuration.
    ///   - setup: `.router` drives it in-process; `.live` serves it on a loopback port (needed for a gateway in front).
    ///   - clock: The service's time now, for its deadlines and periods (a ``TestClock`` moves it).
    ///   - logs: Captures every log record (at trace level) when given.
    ///   - outboxPolicy: How its outbox delivers (tests shorten the delays).
    public static func run<Result>(
        _ definition: ServiceDefinition, on kind: DatabaseKind = .sqlite, settings: [String: String] = [:],
        setup: TestingSetup = .router, clock: @escaping @Sendable () -> Date = { Date() }, logs: LogCapture? = nil,
        outboxPolicy: OutboxPolicy = OutboxPolicy(), _ body: @Sendable (RunningService) async throws -> Result
    ) async throws -> Result {
        try await withFreshDatabase(kind) { database in
            try await run(definition, database: database, settings: settings, setup: setup, clock: clock, logs: logs, outboxPolicy: outboxPolicy, body)
        }
    }

    /// Runs `body` with `definition` started on `database`, which outlives it: a test stops a service and starts
    /// it again on the same data. (A `.live` server always takes a new port.)
    public static func run<Result>(
        _ definition: ServiceDefinition, database: DatabaseSettings, settings: [String: String] = [:],
        setup: TestingSetup = .router, clock: @escaping @Sendable () -> Date = { Date() }, logs: LogCapture? = nil,
        outboxPolicy: OutboxPolicy = OutboxPolicy(), _ body: @Sendable (RunningService) async throws -> Result
    ) async throws -> Result {
        let logLevel: [String: String] = logs == nil ? [:] : ["log.level": "trace"]
        let reader = TestConfiguration.reader(for: definition, database: database, overrides: logLevel.merging(settings) { $1 })
        var logHandler: (@Sendable (String) -> any LogHandler)?
        if let logs { logHandler = { label in logs.handler(label: label) } }
        let instance = try await ServiceInstance.build(
            definition, reader: reader, logHandler: logHandler, outboxPolicy: outboxPolicy, clock: clock
        )
        // Start-up's own work first: a live server whose start-up fails would leave the test waiting for its port.
        do {
            try await instance.prepareDatabase()
        } catch {
            await instance.discard()
            throw error
        }
        return try await instance.application.test(setup) { client in
            try await body(
                RunningService(
                    name: definition.name, client: client, settings: instance.settings,
                    readiness: instance.readiness, metrics: instance.metrics
                ))
        }
    }

    /// Runs `body` with `gateway` started on a fresh database of `kind`, forwarding to `services` (each
    /// started `.live`, so the gateway reaches it over loopback as in production).
    public static func runGateway<Result>(
        _ gateway: ServiceDefinition, inFrontOf services: [RunningService], on kind: DatabaseKind = .sqlite,
        settings: [String: String] = [:], setup: TestingSetup = .router, logs: LogCapture? = nil,
        _ body: @Sendable (RunningService) async throws -> Result
    ) async throws -> Result {
        var upstreams: [String: String] = [:]
        // The setting spells a name's dashes as dots (`SERVICES_EVENTS_AND_HEARINGS_URL`), as the gateway reads it.
        for service in services { upstreams["services.\(service.name.replacingOccurrences(of: "-", with: ".")).url"] = try service.url }
        return try await run(gateway, on: kind, settings: upstreams.merging(settings) { $1 }, setup: setup, logs: logs, body)
    }

    /// Runs `body` with the settings of a new database of `kind`, dropped afterwards even when `body` throws.
    static func withFreshDatabase<Result>(_ kind: DatabaseKind, _ body: (DatabaseSettings) async throws -> Result) async throws -> Result {
        let temporary = try await TemporaryDatabase.create(kind)
        do {
            let result = try await body(temporary.settings)
            try await temporary.drop()
            return result
        } catch {
            try? await temporary.drop()
            throw error
        }
    }
}
