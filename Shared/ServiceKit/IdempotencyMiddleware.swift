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
/// Keys are scoped to the caller and the path, so two callers can never see each other's responses: a
/// signed-in caller by their subject, an anonymous one by the gateway's client key (an anonymous request
/// without one is served without idempotency rather than share one scope with every stranger). The
/// store holds scopes only as hashes. Only successful responses are kept; when the handler fails, the key
/// is released for a retry.
///
/// A response that carries a secret (a tracking code, an API key) names its secret fields with
/// ``Response/withSecretFields(_:)``: they are never stored, and a replay answers with the same status and
/// the other fields, plus `replayNotice` saying that the secret was shown once and cannot be shown again.
/// (Sealing the secret for the retry would keep it readable to whoever has the database and a guessable
/// key; the secret's owner can always ask for a new one.)
public struct IdempotencyMiddleware: RouterMiddleware {
    public typealias Context = ServiceRequestContext
    static let header = HTTPField.Name("Idempotency-Key")!
    static let replayedHeader = HTTPField.Name("Idempotent-Replayed")!
    /// How a route names its secret fields to this middleware; removed before the response leaves.
    static let secretFieldsHeader = HTTPField.Name("X-Secret-Fields")!
    /// What a replay says in place of the secret fields.
    static let replayNoticeField = "replayNotice"

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
            throw ServiceError.invalidIdempotencyKey
        }
        guard let caller = Self.callerScope(context) else {
            return try await next(request, context)
        }
        var request = request
        let body = try await request.collectBody(context: context)
        let scope = SHA256.hash(data: Data("\(caller) \(request.method.rawValue) \(request.uri.path)".utf8)).lowercaseHex
        let requestHash = SHA256.hash(data: Data(body.readableBytesView)).lowercaseHex

        switch try await store.reserve(scope: scope, key: key, requestHash: requestHash) {
        case .conflict:
            throw ServiceError.idempotencyKeyReused
        case .inFlight:
            throw ServiceError.idempotencyKeyInFlight
        case .replay(let stored):
            var headers = HTTPFields()
            headers[.contentType] = stored.contentType
            headers[Self.replayedHeader] = "true"
            return Response(
                status: .init(code: stored.status), headers: headers,
                body: .init(byteBuffer: ByteBuffer(bytes: stored.body)))
        case .reserved:
            do {
                var response = try await next(request, context)
                let secretFields = response.headers[Self.secretFieldsHeader].map { $0.split(separator: ",").map(String.init) } ?? []
                response.headers[Self.secretFieldsHeader] = nil
                let collected = try await Self.collect(response.body)
                if (200..<300).contains(response.status.code) {
                    let body = Data(collected.readableBytesView)
                    try await store.complete(
                        scope: scope, key: key,
                        response: .init(
                            status: response.status.code, contentType: response.headers[.contentType],
                            body: secretFields.isEmpty ? body : Self.withholding(secretFields, from: body)
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

    private static func callerScope(_ context: Context) -> String? {
        switch context.identity {
        case .principal(let principal): "principal:\(principal.subject)"
        case .service(let name): "service:\(name)"
        case .anonymous, nil: context.clientKey.map { "anonymous:\($0)" }
        }
    }

    /// The body to keep for replays: a JSON object (or each object of an array) without `fields`, and with
    /// a notice in their place. Anything else keeps only the notice.
    static func withholding(_ fields: [String], from body: Data) -> Data {
        let notice = "This request was already completed. \(fields.joined(separator: ", ")) was shown only in the first response and cannot be shown again."
        func redact(_ value: Any) -> Any {
            guard var object = value as? [String: Any] else { return value }
            for field in fields { object[field] = nil }
            object[replayNoticeField] = notice
            return object
        }
        let parsed = try? JSONSerialization.jsonObject(with: body)
        let redacted: Any =
            switch parsed {
            case let array as [Any]: array.map(redact)
            case let object as [String: Any]: redact(object)
            default: [replayNoticeField: notice]
            }
        return (try? JSONSerialization.data(withJSONObject: redacted, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data(#"{"replayNotice":"This request was already completed."}"#.utf8)
    }

    /// Reads a response body into one buffer. Creating responses are small JSON documents.
    private static func collect(_ body: ResponseBody) async throws -> ByteBuffer {
        let sink = BufferSink()
        try await body.write(CollectingWriter(sink: sink))
        return sink.buffer.withLock { $0 }
    }
}

extension Response {
    /// Marks top-level fields of this JSON response (or of each object in a JSON array) as secrets shown
    /// once: ``IdempotencyMiddleware`` never stores them and a replay omits them. Only meaningful on routes
    /// behind that middleware, which removes the mark before the response leaves.
    public func withSecretFields(_ fields: [String]) -> Response {
        var response = self
        response.headers[IdempotencyMiddleware.secretFieldsHeader] = fields.joined(separator: ",")
        return response
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
