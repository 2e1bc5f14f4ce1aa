import Hummingbird
import NIOCore
import NIOHTTP1
import NIOPosix
import Testing

@testable import Gateway

/// The forwarding client's connection pool, against a scripted service that counts connections.
@Suite struct UpstreamPoolTests {
    @Test func sequentialRequestsReuseOneConnection() async throws {
        try await withPool { pool, service throws in
            for _ in 0..<5 {
                #expect(try await pool.get("/ok") == "ok")
            }
            #expect(service.accepted == 1)
            #expect(pool.idleCount == 1)
        }
    }

    @Test func concurrentRequestsOpenAConnectionEach() async throws {
        try await withPool { pool, service throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { _ = try await pool.get("/held") }
                }
                // Each request is held until all four have arrived: one connection for all would never get there.
                #expect(await eventually { service.heldCount == 4 })
                service.releaseHeld()
                try await group.waitForAll()
            }
            #expect(service.accepted == 4)
            #expect(pool.idleCount == 4)
        }
    }

    @Test func idleConnectionsBeyondTheBoundAreClosed() async throws {
        try await withPool(maxIdleConnections: 2) { pool, service throws in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { _ = try await pool.get("/held") }
                }
                #expect(await eventually { service.heldCount == 4 })
                service.releaseHeld()
                try await group.waitForAll()
            }
            #expect(await eventually { service.closed == 2 && pool.openCount == 2 })
            #expect(pool.idleCount == 2)
        }
    }

    @Test func anIdleConnectionIsClosedAfterTheIdleTimeout() async throws {
        try await withPool(idleTimeout: .milliseconds(100)) { pool, service throws in
            #expect(try await pool.get("/ok") == "ok")
            #expect(await eventually { service.closed == 1 && pool.openCount == 0 })
        }
    }

    @Test func aConnectionTheServiceClosesWhileIdleIsDroppedAndReplaced() async throws {
        try await withPool { pool, service throws in
            #expect(try await pool.get("/close-when-idle") == "ok")
            #expect(await eventually { pool.openCount == 0 }, "the pool must notice the service closing an idle connection")
            #expect(try await pool.get("/ok") == "ok")
            #expect(service.accepted == 2)
        }
    }

    @Test func aRequestWithoutBodyFindingItsPooledConnectionClosedIsSentAgainOnANewOne() async throws {
        try await withPool { pool, service throws in
            #expect(try await pool.get("/stale") == "ok")
            // The service hangs up on the reused connection as if it had closed it just before.
            #expect(try await pool.get("/stale") == "ok")
            #expect(service.accepted == 2)
        }
    }

    @Test func aRequestWithABodyIsNotSentAgain() async throws {
        try await withPool { pool, service throws in
            #expect(try await pool.post("/stale", body: "first") == "ok")
            await #expect(throws: UpstreamError.closedBeforeResponse) {
                try await pool.post("/stale", body: "second")
            }
            #expect(service.accepted == 1)
        }
    }

    @Test func aCompleteBodyGoesOutWithItsHeadAndTheConnectionIsReusedButNotRetried() async throws {
        try await withPool { pool, service throws in
            for text in ["first", "second"] {
                let request = UpstreamRequest(
                    method: .POST, target: "/ok", headers: ["Host": pool.endpoint.hostHeader], body: .complete(ByteBuffer(string: text))
                )
                #expect(request.head.headers["Content-Length"] == ["\(text.utf8.count)"])
                #expect(try await pool.text(of: pool.send(request, deadline: .now() + .seconds(patienceSeconds))) == "ok")
            }
            #expect(service.accepted == 1)
            let stale = UpstreamRequest(
                method: .POST, target: "/stale", headers: ["Host": pool.endpoint.hostHeader], body: .complete(ByteBuffer(string: "x"))
            )
            // The service hangs up on the reused connection; a body, even one still in hand, is not sent twice.
            await #expect(throws: UpstreamError.closedBeforeResponse) {
                try await pool.send(stale, deadline: .now() + .seconds(patienceSeconds))
            }
            #expect(service.accepted == 1)
        }
    }

    @Test func aResponseWithConnectionCloseIsNotReused() async throws {
        try await withPool { pool, service throws in
            for _ in 0..<3 {
                #expect(try await pool.get("/close") == "ok")
            }
            // The service leaves these connections open: only the header tells the pool not to reuse them.
            #expect(service.accepted == 3)
            #expect(pool.idleCount == 0)
        }
    }

    @Test func aResponseLeftBeforeItsEndClosesItsConnection() async throws {
        try await withPool { pool, service throws in
            let response = try await pool.send(pool.request(.GET, "/endless"), deadline: .now() + .seconds(patienceSeconds))
            let chunks = response.body.makeAsyncIterator()
            let first = try await chunks.next()
            #expect(first.map { String(buffer: $0) } == "first")
            _ = consume chunks
            #expect(await eventually { service.closed == 1 && pool.openCount == 0 })
            #expect(try await pool.get("/ok") == "ok")
            #expect(service.accepted == 2)
        }
    }

    @Test func aResponseBodyNobodyReadsIsNotBufferedWhole() async throws {
        try await withPool { pool, service throws in
            let response = try await pool.send(pool.request(.GET, "/large"), deadline: .now() + .seconds(patienceSeconds))
            try await Task.sleep(for: .milliseconds(500))
            // Socket buffers and a few chunks may fill; the whole body must not.
            #expect(service.largeBytesWritten < ScriptedService.largeBodyBytes / 2)
            var received = 0
            for try await chunk in response.body { received += chunk.readableBytes }
            #expect(received == ScriptedService.largeBodyBytes)
            #expect(pool.idleCount == 1)
        }
    }

    @Test func liveStreamsDoNotCountAgainstTheLimitSoOtherRequestsStillGetConnections() async throws {
        try await withPool(softLimit: 2) { pool, service throws in
            // Three subscribers on a pool of two: each stream has its connection, and a plain request still gets one.
            var streams: [UpstreamResponse] = []
            for _ in 0..<3 {
                let stream = try await pool.send(pool.request(.GET, "/episode/events-open"), deadline: .now() + .seconds(patienceSeconds))
                #expect(stream.isEventStream)
                streams.append(stream)
            }
            #expect(try await pool.get("/ok") == "ok")
            #expect(pool.openCount == 4 && service.accepted == 4)
            // A stream's connection is not reused once its subscriber leaves: it closes, and the limit is as before.
            for stream in streams { stream.abandon() }
            streams.removeAll()
            #expect(await eventually { pool.openCount == 1 })
            #expect(try await pool.get("/ok") == "ok")
            #expect(service.accepted == 4)
        }
    }

    @Test func aRefusedConnectionFailsAtOnceAndFreesItsRoom() async throws {
        let pool = UpstreamConnectionPool(
            endpoint: UpstreamEndpoint(host: "127.0.0.1", port: 1),
            configuration: .init(connectTimeout: .seconds(1), readTimeout: .seconds(5), softLimit: 1)
        )
        // With room for one connection, the second request could only wait if the first failure kept it.
        for _ in 0..<2 {
            await #expect(throws: NIOConnectionError.self) { try await pool.get("/ok") }
        }
        #expect(pool.openCount == 0)
        await pool.shutdown()
    }

    // MARK: Helpers

    func withPool(
        softLimit: Int = 256, maxIdleConnections: Int = 128, idleTimeout: Duration = .seconds(60),
        _ body: (UpstreamConnectionPool, ScriptedService) async throws -> Void
    ) async throws {
        let service = try await ScriptedService.start()
        var configuration = UpstreamConnectionPool.Configuration(connectTimeout: .seconds(1), readTimeout: .seconds(patienceSeconds))
        configuration.softLimit = softLimit
        configuration.maxIdleConnections = maxIdleConnections
        configuration.idleTimeout = idleTimeout
        let pool = UpstreamConnectionPool(endpoint: UpstreamEndpoint(host: "127.0.0.1", port: service.port), configuration: configuration)
        do {
            try await body(pool, service)
        } catch {
            await pool.shutdown()
            try await service.shutdown()
            throw error
        }
        await pool.shutdown()
        try await service.shutdown()
    }

    /// Whether `condition` holds within five seconds.
    func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<500 {
            if condition() { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}

/// How long a test request may take. Generous on purpose: these tests are about which connection a
/// request uses, and on a loaded two-core machine the test task itself may wait seconds before sending.
let patienceSeconds: Int64 = 60

extension UpstreamConnectionPool {
    func request(_ method: HTTPMethod, _ target: String, body: String? = nil) -> UpstreamRequest {
        let relay = body.map { RequestBodyRelay(RequestBody(buffer: ByteBuffer(string: $0))) }
        return UpstreamRequest(
            method: method, target: target, headers: ["Host": endpoint.hostHeader], body: relay.map { .streamed($0) } ?? .none,
            bodyLength: body?.utf8.count
        )
    }

    /// Sends a GET for `target` and returns the whole body as text.
    func get(_ target: String) async throws -> String {
        try await text(of: send(request(.GET, target), deadline: .now() + .seconds(patienceSeconds)))
    }

    /// Sends a POST of `body` to `target` and returns the whole response body as text.
    func post(_ target: String, body: String) async throws -> String {
        let request = request(.POST, target, body: body)
        do {
            let text = try await text(of: send(request, deadline: .now() + .seconds(patienceSeconds)))
            await request.relay?.stop()
            return text
        } catch {
            await request.relay?.stop()
            throw error
        }
    }

    func text(of response: UpstreamResponse) async throws -> String {
        var text = ""
        for try await chunk in response.body { text += String(buffer: chunk) }
        return text
    }
}
