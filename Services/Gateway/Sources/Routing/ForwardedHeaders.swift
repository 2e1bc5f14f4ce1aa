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

    /// The headers to send upstream for a client request.
    static func upstreamRequestHeaders(from fields: HTTPFields) -> HTTPHeaders {
        let dropped = hopByHop.union(consumed).union(namedInConnection(fields[values: .connection]))
        var headers = HTTPHeaders()
        for field in fields where !dropped.contains(field.name.canonicalName) {
            headers.add(name: field.name.rawName, value: field.value)
        }
        return headers
    }

    /// The headers to send the client for an upstream response.
    static func clientResponseHeaders(from headers: HTTPHeaders) -> HTTPFields {
        let dropped = hopByHop.union(namedInConnection(headers["connection"]))
        var fields = HTTPFields()
        for (name, value) in headers where !dropped.contains(name.lowercased()) {
            guard let fieldName = HTTPField.Name(name) else { continue }
            fields.append(HTTPField(name: fieldName, value: value))
        }
        return fields
    }

    /// The header names a `Connection` header lists, which are hop-by-hop for this message.
    private static func namedInConnection(_ values: [String]) -> Set<String> {
        Set(values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
    }
}
