import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// Keeps other sites from submitting the site's forms in a visitor's name (cross-site request forgery), in two
/// independent ways:
///
/// - the browser's own word: `Sec-Fetch-Site` must be `same-origin` when the browser sends it, and otherwise an
///   `Origin` header, when present, must name this host;
/// - a token: every form carries a keyed hash of a random value held in a `csrf` cookie (HttpOnly, SameSite=Lax,
///   `__Host-` over HTTPS), which another site can neither read nor set.
///
/// The cookie is made the first time a page with a form is shown and replaced at sign-in and sign-out, so a
/// token seen before a sign-in is worth nothing after it.
public struct FormProtection: Sendable {
    /// The cookie's name (before any `__Host-` prefix) and the hidden field's name.
    static let cookieName = "csrf"
    static let fieldName = "csrf"
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!

    private let key: SymmetricKey

    /// Protection whose tokens are keyed with `key` (the same on every replica, so any may check a form).
    public init(key: SymmetricKey) {
        self.key = key
    }

    /// The token a form shown to `request`'s browser carries, and the cookie to set with the page when the
    /// browser has none yet.
    public func token(for request: Request, context: ServiceRequestContext) -> (token: String, cookie: Cookie?) {
        if let value = SiteCookie.value(Self.cookieName, in: request, isOverHTTPS: context.isOverHTTPS), Self.isWellFormed(value) {
            return (token(of: value), nil)
        }
        let cookie = renewedCookie(context: context)
        return (token(of: cookie.value), cookie)
    }

    /// A new form-token cookie, replacing the browser's (at sign-in and sign-out).
    public func renewedCookie(context: ServiceRequestContext) -> Cookie {
        SiteCookie.make(Self.cookieName, value: SecureToken.random(bytes: 32), isOverHTTPS: context.isOverHTTPS)
    }

    /// Whether a form submitted with `request` and `fields` came from one of the site's own pages in the same browser.
    public func accepts(_ request: Request, fields: FormFields, context: ServiceRequestContext) -> Bool {
        guard isSameOrigin(request) else { return false }
        guard let value = SiteCookie.value(Self.cookieName, in: request, isOverHTTPS: context.isOverHTTPS), Self.isWellFormed(value),
            let sent = fields[Self.fieldName]
        else { return false }
        let expected = token(of: value)
        // Compared in constant time, like any secret.
        return sent.utf8.count == expected.utf8.count && zip(sent.utf8, expected.utf8).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// The browser's own account of where the request comes from.
    func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[Self.secFetchSite] { return site == "same-origin" }
        guard let origin = request.headers[.origin] else { return true }
        // Browsers old enough to lack Sec-Fetch-Site still send Origin on a cross-site POST.
        guard let host = URL(string: origin)?.host, let ownHost = request.head.authority else { return false }
        let ownHostName = ownHost.split(separator: ":").first.map(String.init) ?? ownHost
        return host.lowercased() == ownHostName.lowercased()
    }

    private func token(of cookieValue: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(cookieValue.utf8), using: key)).base64URLEncodedString()
    }

    /// A value this site could have made: 32 random bytes in base64url.
    private static func isWellFormed(_ value: String) -> Bool {
        value.utf8.count == 43 && value.utf8.allSatisfy { $0.isBase64URL }
    }
}

extension UInt8 {
    fileprivate var isBase64URL: Bool {
        (0x41...0x5A).contains(self) || (0x61...0x7A).contains(self) || (0x30...0x39).contains(self) || self == 0x2D || self == 0x5F
    }
}
