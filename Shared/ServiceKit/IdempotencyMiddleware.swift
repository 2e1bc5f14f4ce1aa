import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Models
import Synchronization

/// Makes creating `POST`s safe to retry with `Idempotency-Key`: a retry returns the first response
/// (`Idempotent-Replayed: true`), the same key with another body is 422, and a request still in flight
/// is 409. Requests without the header pass through unchanged.
///
/// Keys are scoped to the caller and the path, so two callers can never see each other's responses.
/// Only successful responses are kept; when the handler fails, the key is released for a retry.
public struct IdempotencyMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!

    let store: IdempotencyStore

    /// Creates the middleware over a service's store.
    public init(store: IdempotencyStore) {
        self.store = store
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post, let key = request.headers[Self.header] else {
            return try await next(request, context)
        }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw ServiceError(.badRequest, code: "invalid_idempotency_key",
                               detail: "Idempotency-Key must be 1 to 255 visible ASCII characters; a UUID is ideal.")
        }
        var request = request
        let body = try await request.collectBody(context: context)
        let scope = "\(Self.callerScope(context.identity)) \(request.method.rawValue) \(request.uri.path)"
        let requestHash = SHA256.hash(data: Data(body.readableBytesView)).lowercaseHex

        switch try await store.reserve(scope: scope, key: key, requestHash: requestHash) {
        case .conflict:
            throw ServiceError(.unprocessableContent, code: "idempotency_key_reused",
                               detail: "This Idempotency-Key was already used with a different request body.")
        case .inFlight:
            throw ServiceError(.conflict, code: "idempotency_key_in_flight",
                               detail: "A request with this Idempotency-Key is still being processed; retry shortly.")
        case .replay(let stored):
            var headers = HTTPFields()
            headers[.contentType] = stored.contentType
            headers[Self.replayedHeader] = "true"
            return Response(status: .init(code: stored.status), headers: headers,
                            body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
        case .reserved:
            do {
                let response = try await next(request, context)
                let collected = try await Self.collect(response.body)
                if (200..<300).contains(response.status.code) {
                    try await store.complete(scope: scope, key: key, response: .init(
                        status: response.status.code, contentType: response.headers[.contentType], body: Data(collected.readableBytesView)
                    ))
                } else {
                    try await store.release(scope: scope, key: key)
                }
                var replayable = response
                replayable.body = .init(byteBuffer: collected)
                return replayable
            } catch {
                try? await store.release(scope: scope, key: key)
                throw error
            }
        }
    }

    private static func callerScope(_ identity: Identity?) -> String {
        switch identity {
        case .principal(let principal): "principal:\(principal.subject)"
        case .service(let name): "service:\(name)"
        case .anonymous, nil: "anonymous"
        }
    }

    /// Reads a response body into one buffer. Creating responses are small JSON documents.
    private static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let sink = BufferSink()
        try await body.write(CollectingWriter(sink: sink))
        return sink.buffer.withLock { $0 }
    }
}


private final class BufferSink: Sendable {
    let buffer = Mutex(ByteBuffer())
}

private struct CollectingWriter: ResponseBodyWriter {
    let sink: BufferSink

    mutating func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        _ = sink.buffer.withLock { $0.writeBuffer(&buffer) }
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
