import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import Gateway

/// Slow and greedy clients at a live gateway; the deadlines are ServiceKit's, so every service has them too.
@Suite struct SlowClientTests {
    static let coordinator = "\(TestAuthenticationMiddleware.header.rawName): staff-1:coordinator"
    static let shortTimeouts = ["http.header.timeout.seconds": "1", "http.body.timeout.seconds": "1"]

    @Test func aClientTricklingItsHeadIsClosedAfterTheHeaderTimeout() async throws {
        try await TestGateway.withGateway(overrides: Self.shortTimeouts) { client, _ in
            let slow = try await RawClient.connect(port: client.port!)
            // A byte every 200 ms: each would reset an idle timeout, but the head as a whole takes far too long.
            let head = RawClient.head("/api/v1/appeals/categories", method: "GET", headers: ["X-Padding: " + String(repeating: "a", count: 40)])
            var sent = 0
            for byte in head.utf8 where slow.isOpen {
                try? await slow.send(ByteBuffer(bytes: [byte]))
                sent += 1
                try await Task.sleep(for: .milliseconds(200))
            }
            #expect(!slow.isOpen)
            #expect(sent < head.utf8.count, "closed before the head was complete")
            #expect(!slow.receivedText.contains("200 OK"))
            await slow.close()
        }
    }

    @Test func aConnectionWithoutARequestIsClosedAfterTheIdleTimeout() async throws {
        try await TestGateway.withGateway(overrides: ["http.idle.timeout.seconds": "1"]) { client, _ in
            let silent = try await RawClient.connect(port: client.port!)
            #expect(await silent.waitForClose(within: .seconds(30)))
            await silent.close()
        }
    }

    @Test(arguments: [100, 1 << 20])
    func aClientStallingItsBodyIsClosedAfterTheBodyTimeout(declaredLength: Int) async throws {
        // Both a body read whole at the gateway and one streamed on to the service.
        try await TestGateway.withGateway(overrides: Self.shortTimeouts.merging(["http.max.body.bytes": String(8 << 20)]) { $1 }) { client, _ in
            let stalled = try await RawClient.connect(port: client.port!)
            try await stalled.send(RawClient.head("/api/v1/appeals/upload", contentLength: declaredLength, headers: [Self.coordinator]) + "{\"a\":")
            #expect(await stalled.waitForClose(within: .seconds(30)))
            await stalled.close()
        }
    }

    @Test func aClientsConnectionsAreCappedWhileOtherClientsAreServed() async throws {
        try await TestGateway.withGateway(overrides: ["gateway.max.connections.per.client": "3"]) { client, _ in
            let port = client.port!
            var held: [RawClient] = []
            // Each answered before the next connects: the server admits connections on several event loops, so
            // one connected later could otherwise be counted first and a held one refused in its place.
            for _ in 0..<3 {
                let connection = try await RawClient.connect(port: port, from: "127.0.0.3")
                try await connection.send(RawClient.head("/api/v1/appeals/categories", method: "GET"))
                #expect(await connection.waitForText("HTTP/1.1 200", within: .seconds(30)))
                held.append(connection)
            }
            let refused = try await RawClient.connect(port: port, from: "127.0.0.3")
            #expect(await refused.waitForClose(within: .seconds(30)), "the fourth connection from one client is refused")
            #expect(held.allSatisfy { $0.isOpen })

            // Another client is served meanwhile, and the capped one again once it has closed a connection.
            for address in ["127.0.0.4", "127.0.0.3"] {
                if address == "127.0.0.3" {
                    await held.removeFirst().close()
                    try await Task.sleep(for: .milliseconds(100))
                }
                let served = try await RawClient.connect(port: port, from: address)
                try await served.send(RawClient.head("/api/v1/appeals/categories", method: "GET", headers: ["Connection: close"]))
                #expect(await served.waitForClose(within: .seconds(30)))
                #expect(served.receivedText.hasPrefix("HTTP/1.1 200"), "\(address)")
            }
            for connection in held { await connection.close() }
        }
    }

    @Test func theGatewaysMetricsAreServedOnlyOnTheMetricsPort() async throws {
        try await TestGateway.withGatewayInstance { client, _, gateway in
            let publicMetrics = try await client.send("/metrics")
            #expect(publicMetrics.status == .notFound)
            let metrics = try await gateway.metricsText()
            #expect(metrics.contains("http_requests_total"))
            #expect(metrics.contains(#"status="404""#), "the refused public request is counted")
        }
    }
}
