import HTTPTypes
import Hummingbird
import Models

/// The language a page is shown in: `?lang=` when given, then the `lang` cookie the site sets when
/// someone chooses, then the browser's `Accept-Language`, then Kyrgyz, the state language.
public enum PageLanguage {
    /// The cookie that remembers a person's choice for a year.
    static let cookieName = "lang"
    static let cookieLifetimeSeconds = 365 * 86_400
    /// What is shown when nothing names a language the site has.
    static let fallback = Language.kyrgyz

    /// The language of `request`, and whether it was chosen by `?lang=` (so the choice should be remembered).
    public static func negotiate(_ request: Request) -> (language: Language, isNewChoice: Bool) {
        if let chosen = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)) { return (chosen, true) }
        if let remembered = request.cookies[cookieName].flatMap({ Language(rawValue: $0.value) }) { return (remembered, false) }
        return (Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage]).first ?? fallback, false)
    }

    /// The cookie that remembers `language`; not secret, so scripts of our own may read it.
    static func rememberingCookie(_ language: Language) -> Cookie {
        Cookie(name: cookieName, value: language.rawValue, maxAge: cookieLifetimeSeconds, path: "/", httpOnly: false, sameSite: .lax)
    }
}
