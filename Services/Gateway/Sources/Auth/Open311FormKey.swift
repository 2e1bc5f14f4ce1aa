import Foundation
import Hummingbird
import NIOCore

/// GeoReport v2 clients send their API key as the `api_key` field of the intake form, not as a header.
/// Only for Open311 intake does the gateway look there: it reads that small form whole, takes the field,
/// and forwards the form without it, as it forwards no other credential: services see the gateway's
/// assertion of who called, never the caller's secret.
enum Open311FormKey {
    /// The only paths whose form body may carry the key.
    static let paths: Set<String> = ["/open311/v2/requests.json", "/open311/v2/requests.xml"]
    /// The standard's field name.
    static let field = "api_key"
    /// The largest form read for a key: the size up to which the proxy reads bodies whole anyway. A larger
    /// one is refused with 413 rather than streamed unauthenticated.
    static let maxFormBytes = ProxyResponder.bufferedBodyLimit

    /// The `api_key` field of `request`'s body when it is an Open311 intake form; `nil` for any other
    /// request or a form without the field. The form stays in `request` for the proxy, without the field.
    static func key(in request: inout Request) async throws -> String? {
        guard request.method == .post, paths.contains(request.uri.path),
            request.headers[.contentType]?.prefix(while: { $0 != ";" }).lowercased() == "application/x-www-form-urlencoded"
        else { return nil }
        let form = String(buffer: try await request.collectBody(upTo: maxFormBytes))
        guard let key = value(of: field, inForm: form) else { return nil }
        let forwarded = ByteBuffer(string: removing(field, fromForm: form))
        var head = request.head
        head.headerFields[.contentLength] = String(forwarded.readableBytes)
        request = Request(head: head, body: .init(buffer: forwarded))
        return key
    }

    /// `form` without any `name` field.
    static func removing(_ name: String, fromForm form: String) -> String {
        form.split(separator: "&").filter { $0.split(separator: "=", maxSplits: 1).first != Substring(name) }.joined(separator: "&")
    }

    /// The first value of `name` in an `application/x-www-form-urlencoded` text.
    static func value(of name: String, inForm form: String) -> String? {
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts[0] == name else { continue }
            let encoded = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ") : ""
            return encoded.removingPercentEncoding
        }
        return nil
    }
}
