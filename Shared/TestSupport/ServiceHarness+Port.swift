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
        let group = ServiceGroup(
            configuration: .init(services: [.init(service: instance)], logger: Logger(label: "\(definition.name)-test")))
        return try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask {
                defer { listeningContinuation.finish() }
                try await group.run()
            }
            var waiting = listening.makeAsyncIterator()
            guard await waiting.next() != nil else {
                // It stopped before listening: its error says why.
                try await tasks.next()
                throw ServiceHarnessError("\(definition.name) stopped before it listened on port \(port)")
            }
            do {
                let result = try await body()
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return result
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
        }
    }
}
