import Foundation
import HummingbirdTesting
import NIOCore
import NIOPosix
import Persistence
import ServiceKit

extension ServiceHarness {
    /// Runs `body` with a gateway in front of `service`, both on loopback ports and each told the other's address,
    /// for services that call the gateway themselves (events asks its directory whether organisations exist).
    ///
    /// The test framework's live servers always take a port the system chooses, so the service's port is chosen
    /// first: the gateway (driven by the framework) forwards to it, and the service is started on it by hand, told
    /// the gateway's address. `body` talks to the gateway.
    public static func runWithGateway<Result: Sendable>(
        _ service: ServiceDefinition, gateway: ServiceDefinition, on kind: DatabaseKind = .sqlite,
        _ body: @Sendable (_ gateway: RunningService) async throws -> Result
    ) async throws -> Result {
        let port = try await freeLoopbackPort()
        let upstream = "services.\(service.name.replacingOccurrences(of: "-", with: ".")).url"
        return try await run(gateway, on: kind, settings: [upstream: "http://127.0.0.1:\(port)"], setup: .live) { front in
            let gatewayURL = try front.url
            return try await withFreshDatabase(kind) { database in
                try await serve(service, database: database, port: port, settings: ["services.gateway.url": gatewayURL]) {
                    try await body(front)
                }
            }
        }
    }

    /// The ports ``freeLoopbackPort()`` chooses from: below Linux's ephemeral range (32768 and up), from which the
    /// system picks the ports of the many servers tests start on port 0, so none of them takes the one chosen
    /// between the check and the bind.
    static let chosenPorts = 20_000..<32_000

    /// A loopback port free right now, outside the ephemeral range. Another process could still bind it first; the
    /// bind error then names the port, and the test is run again.
    public static func freeLoopbackPort() async throws -> Int {
        for _ in 0..<100 {
            let port = Int.random(in: chosenPorts)
            guard let channel = try? await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: port).get()
            else { continue }
            try await channel.close()
            return port
        }
        throw ServiceHarnessError("no free loopback port in \(chosenPorts)")
    }
}
