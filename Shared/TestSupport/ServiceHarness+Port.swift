import Logging
import Persistence
import ServiceKit
import ServiceLifecycle

extension ServiceHarness {
    /// Runs `definition` on `database` at loopback `port` until `body` returns, then stops it gracefully, as
    /// SIGTERM would: for a service that must keep its address across a stop and a start (others were told
    /// it), or that is started by hand beside the test framework's servers.
    ///
    /// `body` runs only once the server listens. A service that stops before it listens (the port taken
    /// meanwhile, a bad setting) fails the test with its own error instead of leaving callers to find nothing
    /// at the address.
    public static func serve<Result: Sendable>(
        _ definition: ServiceDefinition, database: DatabaseSettings, port: Int, settings: [String: String] = [:],
        outboxPolicy: OutboxPolicy = OutboxPolicy(), _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        let reader = TestConfiguration.reader(
            for: definition, database: database, overrides: settings.merging(["http.port": String(port)]) { $1 })
        let (listening, listeningContinuation) = AsyncStream<Int>.makeStream()
        let instance = try await ServiceInstance.build(
            definition, reader: reader,
            onServerRunning: { bound in
                listeningContinuation.yield(bound)
                listeningContinuation.finish()
            },
            outboxPolicy: outboxPolicy)
        @Sendable func whenListening() async throws -> Result {
            var waiting = listening.makeAsyncIterator()
            // Nothing comes when it stopped before listening; its error then says why.
            guard await waiting.next() != nil else { throw ServiceHarnessError("\(definition.name) stopped before it listened on port \(port)") }
            return try await body()
        }
        return try await running([instance], whenStopped: { listeningContinuation.finish() }, whenListening)
    }

    /// Runs `services` until `body` returns, then stops them gracefully, as SIGTERM would; `whenStopped` is called
    /// once they have stopped, however. When `body` throws, an error of the services' own wins: it says more.
    public static func running<Result: Sendable>(
        _ services: [any Service], whenStopped: @escaping @Sendable () -> Void = {}, _ body: @Sendable () async throws -> Result
    ) async throws -> Result {
        let group = ServiceGroup(configuration: .init(services: services.map { .init(service: $0) }, logger: Logger(label: "test")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { whenStopped() }
                try await group.run()
            }
            do {
                let result = try await body()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                throw error
            }
        }
    }
}
