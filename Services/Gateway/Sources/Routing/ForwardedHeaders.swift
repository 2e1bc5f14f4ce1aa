import Foundation
import HTTPTypes
import NIOHTTP1
import ServiceKit

/// Which headers cross the gateway, in each direction.
enum ForwardedHeaders {
    /// Headers about one connection, never passed on by a proxy (RFC 9110 §7.6.1), plus the legacy `Proxy-Connection`.
    static let hopByHop: Set<String> = [
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer",
        "transfer-encoding", "upgrade",
    ]

    /// Request headers the gateway consumes or must not let through: credentials (services get the
    /// assertion instead), a spoofed assertion or request ID, client addresses (never forwarded), and
    /// framing the client sets for the upstream connection itself.
    static let consumed: Set<String> = [
        IdentityAssertion.headerName.lowercased(), RequestID.headerName.lowercased(),
        "authorization", "x-api-key", "cookie",
        "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "forwarded", "x-real-ip",
        "host", "content-length",
    ]

    /// Every request header never passed on, whatever the request: built once, not per request.
    private static let neverForwarded = hopByHop.union(consumed)

    /// Appends the headers to send upstream for a client request to `headers`, after those already there.
    static func appendUpstreamRequestHeaders(from fields: HTTPFields, to headers: inout HTTPHeaders) {
        let connection = fields[values: .connection]
        let named = connection.isEmpty ? [] : namedInConnection(connection)
        for field in fields {
            let name = field.name.canonicalName
            guard !neverForwarded.contains(name), named.isEmpty || !named.contains(name) else { continue }
            headers.add(name: field.name.rawName, value: field.value)
        }
    }

    /// The headers to send the client for an upstream response.
    static func clientResponseHeaders(from headers: HTTPHeaders) -> HTTPFields {
        let connection = headers["connection"]
        let named = connection.isEmpty ? [] : namedInConnection(connection)
        var fields = HTTPFields()
        fields.reserveCapacity(headers.count)
        for (name, value) in headers {
            guard let fieldName = HTTPField.Name(name) else { continue }
            let canonical = fieldName.canonicalName
            guard !hopByHop.contains(canonical), named.isEmpty || !named.contains(canonical) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return fields
    }

    /// The header names a `Connection` header lists, which are hop-by-hop for this message.
    private static func namedInConnection(_ values: [String]) -> Set<String> {
        Set(values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }
}
