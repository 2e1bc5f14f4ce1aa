import NIOCore
import NIOHTTP1

/// A request to forward: its head as the service will see it, and the client's body, if it has one.
struct UpstreamRequest: Sendable {
    /// How the client's body reaches the service.
    enum Body: Sendable {
        /// No body.
        case none
        /// A small body, read whole before the exchange and written with the head, in one write.
        case complete(ByteBuffer)
        /// A body passed on as the service reads it, only through the relay.
        case streamed(RequestBodyRelay)
    }

    /// The request line and headers, framing included.
    let head: HTTPRequestHead
    /// The client's body.
    let body: Body
    /// The body's length when known (`Content-Length`), `nil` when it is sent chunked or there is none.
    let bodyLength: Int?

    /// Whether there is a body; a request without one may be sent again (the pool's one retry).
    var hasBody: Bool {
        if case .none = body { false } else { true }
    }

    /// The relay of a streamed body, which the caller must stop once the exchange is over.
    var relay: RequestBodyRelay? {
        if case .streamed(let relay) = body { relay } else { nil }
    }

    /// A request for `target` (path and query, as the service sees it) with `headers`, to which the
    /// framing of `body` is added: `Content-Length` when its length is known (`bodyLength` for a
    /// streamed body), chunked otherwise.
    init(method: HTTPMethod, target: String, headers: HTTPHeaders, body: Body, bodyLength: Int? = nil) {
        var headers = headers
        let length: Int? =
            switch body {
            case .none: nil
            case .complete(let buffer): buffer.readableBytes
            case .streamed: bodyLength
            }
        switch body {
        case .none:
            // Said explicitly: without it the encoder would frame an empty chunked body.
            if Self.expectsBody(method) { headers.add(name: "Content-Length", value: "0") }
        case .complete, .streamed:
            if let length {
                headers.add(name: "Content-Length", value: String(length))
            } else {
                headers.add(name: "Transfer-Encoding", value: "chunked")
            }
        }
        head = HTTPRequestHead(version: .http1_1, method: method, uri: target, headers: headers)
        self.body = body
        self.bodyLength = length
    }

    /// Whether a request with `method` normally has a body, so that having none must be said.
    private static func expectsBody(_ method: HTTPMethod) -> Bool {
        switch method {
        case .POST, .PUT, .PATCH: true
        default: false
        }
    }
}
