import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import Gateway

/// The gateway carries live streams (Server-Sent Events) from a service: each event as it comes, with no
/// upstream timeout cutting a quiet stream, `Last-Event-ID` passed on, and a bound on the streams one client
/// holds. The scripted service sends each event only when the test says, so nothing here depends on timing.
@Suite struct ProxyLiveStreamTests {
    /// An upstream timeout shorter than the pauses between events, yet long enough for a response head to
    /// arrive on a loaded machine (the same setting bounds the wait for the head).
    static let settings = ["gateway.upstream.timeout.milliseconds": "2000"]
    static let pauseLongerThanTheTimeout: Duration = .milliseconds(2500)

    static func request(_ path: String, lastEventID: String? = nil) -> String {
        RawClient.head(
            path, method: "GET", headers: ["X-Test-Identity: staff-1:coordinator"] + (lastEventID.map { ["Last-Event-ID: \($0)"] } ?? []))
    }

    func withScriptedGateway(_ body: @Sendable @escaping (_ gatewayPort: Int, ScriptedService) async throws -> Void) async throws {
        let service = try await ScriptedService.start()
        do {
            try await TestGateway.withGateway(overrides: Self.settings, upstreamURL: "http://127.0.0.1:\(service.port)") { client, _ in
                try await body(try #require(client.port), service)
            }
            try await service.shutdown()
        } catch {
            try? await service.shutdown()
            throw error
        }
    }

    /// Waits until `condition` holds, for up to 20 s (a generous bound, not a timing assertion).
    static func eventually(_ condition: () async throws -> Bool) async rethrows -> Bool {
        for _ in 0..<1000 {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test func eventsArriveOneByOneAndAQuietStreamIsNotCut() async throws {
        try await withScriptedGateway { port, service in
            let client = try await RawClient.connect(port: port)
            try await client.send(Self.request("/api/v1/appeals/live/events", lastEventID: "41"))
            for number in 1...ScriptedService.eventCount {
                #expect(await Self.eventually { client.receivedText.contains("id: \(number)\ndata: event \(number)\n\n") })
                // The service has not sent the next one: the gateway passed this one on without waiting for more.
                #expect(!client.receivedText.contains("id: \(number + 1)"))
                guard number < ScriptedService.eventCount else { break }
                #expect(await Self.eventually { service.waitingEventStreams == 1 })
                // Quiet for longer than the upstream timeout: a response that is not a live stream would be cut here.
                try await Task.sleep(for: Self.pauseLongerThanTheTimeout)
                #expect(client.isOpen)
                service.sendNextEvent()
            }
            let text = client.receivedText
            #expect(text.hasPrefix("HTTP/1.1 200"))
            #expect(text.lowercased().contains("content-type: text/event-stream"))
            #expect(!text.contains("upstream_timeout"))
            // The stream's end reaches the client (the last chunk of a chunked body).
            #expect(await Self.eventually { client.receivedText.hasSuffix("0\r\n\r\n") })
            #expect(service.lastEventIDs == ["41"])
            await client.close()
        }
    }

    @Test func oneClientHoldsAtMostFourStreamsAndAClosedStreamFreesItsSlot() async throws {
        try await withScriptedGateway { port, service in
            let path = "/api/v1/appeals/live/events-open"
            var held: [RawClient] = []
            for _ in 0..<4 {
                let stream = try await RawClient.connect(port: port)
                try await stream.send(Self.request(path))
                #expect(await Self.eventually { stream.receivedText.contains("id: 1") })
                held.append(stream)
            }
            let fifth = try await RawClient.connect(port: port)
            try await fifth.send(Self.request(path))
            #expect(await Self.eventually { fifth.receivedText.contains("too_many_live_streams") })
            #expect(fifth.receivedText.hasPrefix("HTTP/1.1 429"))

            // Another client (another address) is served meanwhile.
            let other = try await RawClient.connect(port: port, from: "127.0.0.2")
            try await other.send(Self.request(path))
            #expect(await Self.eventually { other.receivedText.contains("id: 1") })

            // The first client closes one stream, quiet as it is: the gateway notices, and its slot is free again.
            await held[0].close()
            let freed = try await Self.eventually {
                let again = try await RawClient.connect(port: port)
                try await again.send(Self.request(path))
                _ = await Self.eventually { again.receivedText.contains("id: 1") || again.receivedText.contains("too_many_live_streams") }
                let served = again.receivedText.contains("id: 1")
                if served { held[0] = again } else { await again.close() }
                return served
            }
            #expect(freed)
            for stream in held + [fifth, other] { await stream.close() }
            // Each stream's connection to the service ended with it, the refused one's included.
            #expect(await Self.eventually { service.closed == service.accepted })
        }
    }
}
