import Foundation
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
        if let remembered = cookie(in: request).flatMap(Language.init(rawValue:)) { return (remembered, false) }
        return (Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage]).first ?? fallback, false)
    }

    /// The `Set-Cookie` value that remembers `language`; not secret, so readable by scripts of our own.
    static func rememberingCookie(_ language: Language) -> String {
        "\(cookieName)=\(language.rawValue); Path=/; Max-Age=\(cookieLifetimeSeconds); SameSite=Lax"
    }

    private static func cookie(in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2, parts[0] == cookieName { return parts[1] }
            }
        }
        return nil
    }
}
