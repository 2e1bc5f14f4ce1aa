import AsyncHTTPClient
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import NIOCore
import NIOHTTP1
import Persistence
import ServiceKit
import Synchronization
import TestSupport
import Testing

@testable import Gateway

/// What the test upstream saw: every request that reached it, and switches to make it fail.
final class UpstreamRecorder: Sendable {
    struct Hit: Sendable {
        let method: String
        let uri: String
        let headers: HTTPFields
        let identity: Identity?
        let clientKey: String?
        let bodyBytes: Int
    }

    private let hits = Mutex<[Hit]>([])
    private let failing = Mutex(false)
    private let startedUploads = Mutex(0)

    /// How many `/api/v1/appeals/upload` bodies have begun to arrive.
    var uploadsStarted: Int { startedUploads.withLock { $0 } }
    func uploadStarted() { startedUploads.withLock { $0 += 1 } }
    /// Lets `/api/v1/appeals/stream` send the rest of its body once the test has seen the first part.
    let (responseGate, openResponseGate) = AsyncStream<Void>.makeStream()
    /// Tells the test that `/api/v1/appeals/upload` received the first part of a body still being sent.
    let (firstUploadChunks, receivedFirstUploadChunk) = AsyncStream<Void>.makeStream()

    func record(_ hit: Hit) { hits.withLock { $0.append(hit) } }
    var all: [Hit] { hits.withLock { $0 } }
    var count: Int { hits.withLock { $0.count } }
    var last: Hit? { hits.withLock { $0.last } }

    /// Whether `/api/v1/events/flaky` answers 503.
    var isFailing: Bool {
        get { failing.withLock { $0 } }
        set { failing.withLock { $0 = newValue } }
    }
}

/// A stand-in for every upstream service on one port: it verifies the gateway's assertion like a real
/// service would, and records what reached it.
enum TestUpstream {
    static func application(recorder: UpstreamRecorder) async -> some ApplicationProtocol {
        var verifierList: [String: IdentityVerifier] = [:]
        for upstream in Upstream.all {
            verifierList[upstream.name] = await IdentityVerifier(audience: upstream.name, gatewayKey: TestIdentities.gatewayKey.publicKey)
        }
        let verifiers = verifierList
        let router = Router()
        @Sendable func record(_ request: Request, bodyBytes: Int) async -> Identity? {
            let audience = Upstream.all.first { $0.owns(request.uri.path) }?.name ?? "appeals"
            var identity: Identity?
            var clientKey: String?
            if let token = request.headers[HTTPField.Name(IdentityAssertion.headerName)!] {
                (identity, clientKey) = (try? verifiers[audience]!.verify(token)) ?? (nil, nil)
            }
            recorder.record(
                .init(
                    method: request.method.rawValue, uri: request.uri.description, headers: request.headers,
                    identity: identity, clientKey: clientKey, bodyBytes: bodyBytes
                ))
            return identity
        }
        let methods: [HTTPRequest.Method] = [.get, .head, .post, .put, .patch, .delete]
        // Per prefix, like the gateway: the router does not fall back from a static segment to a root wildcard.
        for method in methods {
            for path in Upstream.all.flatMap(\.pathPrefixes).flatMap({ [$0, $0 + "/**"] }) {
                router.on(RouterPath(path), method: method) { request, _ -> Response in
                    var bytes = 0
                    for try await buffer in request.body { bytes += buffer.readableBytes }
                    let identity = await record(request, bodyBytes: bytes)
                    var headers = HTTPFields()
                    headers[.contentType] = "text/plain"
                    headers[.connection] = "X-Upstream-Secret"
                    headers[HTTPField.Name("X-Upstream-Secret")!] = "hop"
                    headers[HTTPField.Name("Keep-Alive")!] = "timeout=5"
                    headers[HTTPField.Name("X-Seen-Subject")!] = identity.map(Self.describe) ?? "none"
                    return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "bytes=\(bytes)")))
                }
            }
        }
        router.post("/api/v1/appeals/echo") { request, _ -> Response in
            _ = await record(request, bodyBytes: -1)
            return Response(status: .ok, body: ResponseBody(asyncSequence: request.body))
        }
        router.post("/api/v1/appeals/refuse") { request, _ -> Response in
            // Answers without reading the body, as a service refusing a caller does.
            _ = await record(request, bodyBytes: -1)
            return Response(status: .unauthorized)
        }
        router.get("/api/v1/appeals/stream") { request, _ -> Response in
            _ = await record(request, bodyBytes: 0)
            return Response(
                status: .ok,
                body: ResponseBody { writer in
                    try await writer.write(ByteBuffer(string: "first;"))
                    var gate = recorder.responseGate.makeAsyncIterator()
                    _ = await gate.next()
                    try await writer.write(ByteBuffer(string: "second"))
                    try await writer.finish(nil)
                })
        }
        router.post("/api/v1/appeals/upload") { request, _ -> Response in
            var bytes = 0
            for try await buffer in request.body {
                if bytes == 0 {
                    recorder.uploadStarted()
                    recorder.receivedFirstUploadChunk.yield()
                }
                bytes += buffer.readableBytes
            }
            _ = await record(request, bodyBytes: bytes)
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "bytes=\(bytes)")))
        }
        router.get("/api/v1/appeals/slow") { request, _ -> Response in
            _ = await record(request, bodyBytes: 0)
            try? await Task.sleep(for: .seconds(1))
            return Response(status: .ok)
        }
        router.get("/api/v1/events/flaky") { request, _ -> Response in
            _ = await record(request, bodyBytes: 0)
            return Response(status: recorder.isFailing ? .serviceUnavailable : .ok)
        }
        router.get("/api/v1/knowledge/page.html") { _, _ -> Response in
            var headers = HTTPFields()
            headers[.contentType] = "text/html; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: "<p>manual</p>")))
        }
        router.get("/openapi.json") { _, _ -> OpenAPIDocument in
            OpenAPIDocument(
                title: "appeals",
                paths: [
                    "/api/v1/appeals/track/{code}": .object(["get": .object(["summary": .string("Track an appeal")])]),
                    "/internal/appeals/export": .object(["get": .object([:])]),
                ],
                components: ["schemas": .object(["Appeal": .object(["type": .string("object")])])]
            )
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    static func describe(_ identity: Identity) -> String {
        switch identity {
        case .anonymous: "anonymous"
        case .principal(let principal): principal.subject
        case .service(let name): "service:" + name
        }
    }
}

/// Stands in for the authentication the gateway will have: `X-Test-Identity: <subject>:<role,role>`
/// (an `apikey:` subject is a partner key); no header is the anonymous public.
struct TestAuthenticationMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    static let header = HTTPField.Name("X-Test-Identity")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let value = request.headers[Self.header] {
            var parts = value.split(separator: ":").map(String.init)
            let roles = parts.count > 1 ? Set(parts.removeLast().split(separator: ",").compactMap { Role(rawValue: String($0)) }) : []
            context.identity = .principal(Principal(subject: parts.joined(separator: ":"), roles: roles))
        } else {
            context.identity = .anonymous
        }
        return try await next(request, context)
    }
}

/// The gateway as App+build.swift wires it, with the test authentication in authentication's place.
enum TestGateway {
    static let definition = ServiceDefinition(
        service: PlatformService(name: "gateway"), migrations: [], verifiesIdentity: false,
        registerRoutes: { router, dependencies in
            let routing = try GatewayRouting(dependencies: dependencies)
            routing.addResponseHeaders(to: router)
            routing.addClientKeys(to: router)
            router.add(middleware: TestAuthenticationMiddleware())
            routing.addRateLimits(to: router)
            await routing.registerRoutes(on: router)
        },
        serverOptions: GatewayServer.options(reader:)
    )

    /// Overrides pointing every upstream at `url`, and signing with the key services trust as the gateway's.
    static func upstreamURLs(_ url: String) -> [String: String] {
        var overrides = Dictionary(
            uniqueKeysWithValues: Upstream.all.map {
                ("services.\($0.name.replacingOccurrences(of: "-", with: ".")).url", url)
            })
        overrides["identity.signing.key"] = TestIdentities.gatewayKey.rawRepresentation.base64EncodedString()
        return overrides
    }

    /// Runs `body` with a live test upstream and a live gateway in front of it.
    static func withGateway(
        overrides: [String: String] = [:],
        upstreamURL: String? = nil,
        definition: ServiceDefinition = TestGateway.definition,
        _ body: @Sendable @escaping (any TestClientProtocol, UpstreamRecorder) async throws -> Void
    ) async throws {
        try await withGatewayInstance(overrides: overrides, upstreamURL: upstreamURL, definition: definition) { client, recorder, _ in
            try await body(client, recorder)
        }
    }

    /// Runs `body` with a live test upstream and a live gateway in front of it, and the gateway's instance.
    static func withGatewayInstance(
        overrides: [String: String] = [:],
        upstreamURL: String? = nil,
        definition: ServiceDefinition = TestGateway.definition,
        _ body: @Sendable @escaping (any TestClientProtocol, UpstreamRecorder, ServiceInstance) async throws -> Void
    ) async throws {
        let recorder = UpstreamRecorder()
        let upstream = await TestUpstream.application(recorder: recorder)
        try await upstream.test(.live) { upstreamClient in
            let temporary = try await TemporaryDatabase.create(.sqlite)
            do {
                let url = upstreamURL ?? "http://127.0.0.1:\(upstreamClient.port!)"
                let reader = TestConfiguration.reader(
                    service: "gateway", database: temporary.settings,
                    overrides: upstreamURLs(url).merging(overrides) { _, override in override }
                )
                let gateway = try await ServiceInstance.build(definition, reader: reader)
                try await gateway.application.test(.live) { client in try await body(client, recorder, gateway) }
                try await temporary.drop()
            } catch {
                try? await temporary.drop()
                throw error
            }
        }
    }
}

extension ServiceInstance {
    /// The text its metrics listener serves, waiting for the listener to be up.
    func metricsText() async throws -> String {
        let listener = try #require(metricsListener)
        var port = listener.boundPort
        for _ in 0..<250 where port == nil {
            try await Task.sleep(for: .milliseconds(20))
            port = listener.boundPort
        }
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(try #require(port))/metrics"), timeout: .seconds(60)
        )
        #expect(response.status == .ok)
        return String(buffer: try await response.body.collect(upTo: 16 << 20))
    }
}

extension TestClientProtocol {
    /// Sends a request through the gateway as `identity` (`subject:role,role`), or as the public when `nil`.
    func send(
        _ uri: String, method: HTTPRequest.Method = .get, as identity: String? = nil,
        headers: HTTPFields = [:], body: ByteBuffer? = nil
    ) async throws -> TestResponse {
        var headers = headers
        if let identity { headers[TestAuthenticationMiddleware.header] = identity }
        return try await execute(uri: uri, method: method, headers: headers, body: body)
    }
}

/// An answer read by ``TestClientProtocol/sendPatiently(_:method:as:body:)``.
struct PatientResponse {
    let status: HTTPResponse.Status
    let body: ByteBuffer

    /// The problem's `code`, when the body is a problem.
    var problemCode: String? {
        try? JSONDecoder().decode(ProblemCode.self, from: Data(body.readableBytesView)).code
    }

    private struct ProblemCode: Decodable {
        let code: String
    }
}

extension TestClientProtocol {
    /// Sends a large body to a live gateway through AsyncHTTPClient, waiting up to a minute for the whole answer:
    /// the test client's fixed 20 s read timeout is too short for a megabyte through two debug servers on a
    /// loaded two-core machine.
    func sendPatiently(_ uri: String, method: HTTPRequest.Method, as identity: String?, body: ByteBuffer) async throws -> PatientResponse {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(try #require(port))\(uri)")
        request.method = NIOHTTP1.HTTPMethod(rawValue: method.rawValue)
        if let identity { request.headers.add(name: TestAuthenticationMiddleware.header.rawName, value: identity) }
        request.body = .bytes(body)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
        return PatientResponse(status: .init(code: Int(response.status.code)), body: try await response.body.collect(upTo: 16 << 20))
    }
}
