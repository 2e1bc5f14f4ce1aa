import NIOHTTP1

/// A request to forward: its head as the service will see it, and the client's body, if it has one.
struct UpstreamRequest: Sendable {
    /// The request line and headers, framing included.
    let head: HTTPRequestHead
    /// The client's body, read only through the relay; `nil` for a request without one.
    let body: RequestBodyRelay?
    /// The body's declared length, `nil` when it is sent chunked (or there is none).
    let bodyLength: Int?

    /// A request for `target` (path and query, as the service sees it) with `headers`, to which the
    /// framing of `body` is added: `Content-Length` when `bodyLength` is known, chunked otherwise.
    init(method: HTTPMethod, target: String, headers: HTTPHeaders, body: RequestBodyRelay?, bodyLength: Int?) {
        var headers = headers
        if body != nil {
            if let bodyLength {
                headers.add(name: "Content-Length", value: String(bodyLength))
            } else {
                headers.add(name: "Transfer-Encoding", value: "chunked")
            }
        } else if Self.expectsBody(method) {
            // Said explicitly: without it the encoder would frame an empty chunked body.
            headers.add(name: "Content-Length", value: "0")
        }
        head = HTTPRequestHead(version: .http1_1, method: method, uri: target, headers: headers)
        self.body = body
        self.bodyLength = body == nil ? nil : bodyLength
    }

    /// Whether a request with `method` normally has a body, so that having none must be said.
    private static func expectsBody(_ method: HTTPMethod) -> Bool {
        switch method {
        case .POST, .PUT, .PATCH: true
        default: false
        }
    }
}
