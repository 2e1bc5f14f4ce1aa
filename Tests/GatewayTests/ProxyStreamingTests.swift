import AsyncHTTPClient
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

@testable import Gateway

/// Each test deadlocks, and fails at the client's deadline, if the gateway buffers instead of streaming:
/// the service waits for the test to see the first part before it sends the rest, or the other way round.
@Suite struct ProxyStreamingTests {
    static let deadline: TimeAmount = .seconds(20)

    func withClient(_ body: @Sendable @escaping (HTTPClient, String, UpstreamRecorder) async throws -> Void) async throws {
        try await TestGateway.withGateway { client, recorder in
            let http = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
            do {
                try await body(http, "http://127.0.0.1:\(client.port!)", recorder)
                try await http.shutdown()
            } catch {
                try? await http.shutdown()
                throw error
            }
        }
    }

    @Test func theResponseReachesTheClientWhileTheServiceIsStillWritingIt() async throws {
        try await withClient { http, gateway, recorder in
            var request = HTTPClientRequest(url: gateway + "/api/v1/appeals/stream")
            request.headers.add(name: "X-Test-Identity", value: "staff-1:coordinator")
            let response = try await http.execute(request, timeout: Self.deadline)
            #expect(response.status == .ok)
            var received = ""
            for try await buffer in response.body {
                received += String(buffer: buffer)
                if received.hasPrefix("first;") { recorder.openResponseGate.yield() }
            }
            #expect(received == "first;second")
        }
    }

    @Test func theRequestBodyReachesTheServiceWhileTheClientIsStillSendingIt() async throws {
        try await withClient { http, gateway, recorder in
            let (body, sender) = AsyncStream<ByteBuffer>.makeStream()
            let producer = Task {
                sender.yield(ByteBuffer(repeating: 0x61, count: 16 << 10))
                var arrivals = recorder.firstUploadChunks.makeAsyncIterator()
                _ = await arrivals.next()
                sender.yield(ByteBuffer(repeating: 0x62, count: 16 << 10))
                sender.finish()
            }
            var request = HTTPClientRequest(url: gateway + "/api/v1/appeals/upload")
            request.method = .POST
            request.headers.add(name: "X-Test-Identity", value: "staff-1:coordinator")
            request.body = .stream(body, length: .unknown)
            let response = try await http.execute(request, timeout: Self.deadline)
            #expect(response.status == .ok)
            #expect(String(buffer: try await response.body.collect(upTo: 1024)) == "bytes=\(32 << 10)")
            producer.cancel()
        }
    }

    /// A service may answer before it has read the body; the gateway must then stop reading it too,
    /// never letting two readers at the client's connection (which traps and takes every service down).
    /// The body is larger than the gateway reads whole, so it is streamed in both cases.
    @Test(arguments: [false, true])
    func anAnswerBeforeTheBodyEndsReachesTheClientAndTheGatewayKeepsServing(declaresLength: Bool) async throws {
        try await withClient { http, gateway, _ in
            let chunk = ByteBuffer(repeating: 0x61, count: ProxyResponder.bufferedBodyLimit / 2 + 1)
            let (body, sender) = AsyncStream<ByteBuffer>.makeStream()
            sender.yield(chunk)
            var request = HTTPClientRequest(url: gateway + "/api/v1/appeals/refuse")
            request.method = .POST
            request.headers.add(name: "X-Test-Identity", value: "staff-1:coordinator")
            request.body = .stream(body, length: declaresLength ? .known(Int64(2 * chunk.readableBytes)) : .unknown)
            // The rest of the body follows only once the answer is here: the service has not read it all.
            let response = try await http.execute(request, timeout: Self.deadline)
            #expect(response.status == .unauthorized)
            sender.yield(chunk)
            sender.finish()
            _ = try? await response.body.collect(upTo: 1 << 16)

            let health = try await http.execute(HTTPClientRequest(url: gateway + "/health"), timeout: Self.deadline)
            #expect(health.status == .ok)
        }
    }
}
