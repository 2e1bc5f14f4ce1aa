import Hummingbird

/// The site's own cookies: host-only, for the whole site, never sent on another site's POST.
///
/// Over HTTPS (as a trusted proxy reports it) a cookie is `Secure` and named with the `__Host-` prefix, so that
/// no other host (a sibling subdomain, say) can set or shadow it. Over plain HTTP, in a local run, browsers
/// refuse both, so the cookie goes without them under its bare name.
public enum SiteCookie {
    /// The name of cookie `name` for a request that did, or did not, come over HTTPS.
    public static func name(_ name: String, isOverHTTPS: Bool) -> String {
        isOverHTTPS ? "__Host-" + name : name
    }

    /// The value of cookie `name` in `request`, under the name its scheme calls for.
    public static func value(_ name: String, in request: Request, isOverHTTPS: Bool) -> String? {
        request.cookies[Self.name(name, isOverHTTPS: isOverHTTPS)]?.value
    }

    /// Cookie `name` with `value`, readable by no script; `maxAge` `nil` for one that ends with the browser session.
    public static func make(_ name: String, value: String, maxAge: Int? = nil, isOverHTTPS: Bool) -> Cookie {
        Cookie(
            name: Self.name(name, isOverHTTPS: isOverHTTPS), value: value, maxAge: maxAge, path: "/", secure: isOverHTTPS, httpOnly: true,
            sameSite: .lax)
    }

    /// A cookie that makes the browser forget cookie `name`.
    public static func expired(_ name: String, isOverHTTPS: Bool) -> Cookie {
        make(name, value: "", maxAge: 0, isOverHTTPS: isOverHTTPS)
    }
}
