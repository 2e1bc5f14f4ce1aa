import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore

/// A browser's part in page tests: it keeps the cookies the site sets, sends what a browser sends with a page
/// request or a form (`Sec-Fetch-Site`, a form body), and reads the form token out of the last page.
public final class PageVisitor: @unchecked Sendable {
    /// The client the requests go through.
    public let client: any TestClientProtocol
    /// Headers every request carries (a trusted proxy's `X-Forwarded-Proto`, say).
    public let extraHeaders: HTTPFields
    /// The cookies the site set, by name.
    public private(set) var cookies: [String: String] = [:]
    /// The form token of the last page that had one.
    public private(set) var formToken: String?

    /// A browser driving `client`, adding `headers` to every request.
    public init(_ client: any TestClientProtocol, headers: HTTPFields = [:]) {
        self.client = client
        extraHeaders = headers
    }

    /// Opens page `path`, as a click on a link does.
    @discardableResult
    public func open(_ path: String, headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var headers: HTTPFields = [.accept: "text/html", HTTPField.Name("Sec-Fetch-Site")!: "same-origin"]
        headers.append(contentsOf: extra)
        let response = try await send(.get, path, headers: headers, body: nil)
        if let token = Self.formToken(in: response.text) { formToken = token }
        return response
    }

    /// Submits a form to `path` with `fields` and the page's form token (unless `fields` names its own `csrf`).
    @discardableResult
    public func submit(_ path: String, _ fields: [(String, String)], headers extra: HTTPFields = [:]) async throws -> TestResponse {
        var all = fields
        if !fields.contains(where: { $0.0 == "csrf" }), let formToken { all.append(("csrf", formToken)) }
        var headers: HTTPFields = [
            .accept: "text/html", .contentType: "application/x-www-form-urlencoded", HTTPField.Name("Sec-Fetch-Site")!: "same-origin",
        ]
        for field in extra { headers[field.name] = field.value }
        let response = try await send(.post, path, headers: headers, body: ByteBuffer(string: Self.encode(all)))
        if let token = Self.formToken(in: response.text) { formToken = token }
        return response
    }

    private func send(_ method: HTTPRequest.Method, _ path: String, headers: HTTPFields, body: ByteBuffer?) async throws -> TestResponse {
        var headers = headers
        headers.append(contentsOf: extraHeaders)
        if !cookies.isEmpty {
            headers[.cookie] = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for line in response.headers[values: .setCookie] {
            let pair = line.split(separator: ";", maxSplits: 1)[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0])
            let value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || line.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        return response
    }

    /// The form token in a page's HTML.
    public static func formToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// `fields` as a URL-encoded form body.
    public static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}
