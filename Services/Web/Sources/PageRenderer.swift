import HTTPTypes
import Hummingbird
import Models
import Mustache

/// Renders pages: a page template's HTML inside the one layout, in the person's language. Mustache escapes
/// every `{{value}}` for HTML; only the layout's `{{{content}}}` is not escaped, and it holds a page
/// template's own output.
public struct PageRenderer: Sendable {
    /// The page templates by name, from `Resources/<name>.mustache`.
    static let pageTemplates = ["home", "error"]

    private let library: MustacheLibrary
    /// The texts of every language.
    public let translations: Translations

    /// The renderer with the module's embedded templates and catalogues; throws naming a resource that is broken.
    public static func embedded() throws -> PageRenderer {
        var library = MustacheLibrary()
        for (name, bytes) in [
            ("layout", PackageResources.layout_mustache), ("home", PackageResources.home_mustache),
            ("error", PackageResources.error_mustache),
        ] {
            do {
                library.register(try MustacheTemplate(string: String(decoding: bytes, as: UTF8.self)), named: name)
            } catch {
                throw WebResourceError(file: "Resources/\(name).mustache", problem: "is not a valid template: \(error)")
            }
        }
        return PageRenderer(library: library, translations: try Translations.embedded())
    }

    /// The HTML of page `template` with `values`, in `language`, inside the layout; `path` is the page's own
    /// address, for the language links.
    func html(_ template: String, title: String, values: [String: Any] = [:], language: Language, path: String) -> String {
        var context = values
        let texts = translations.texts(language)
        context["t"] = texts
        let content = library.render(context, withTemplate: template) ?? ""
        let languages: [[String: Any]] = Language.allCases.map { other in
            ["code": other.rawValue, "name": Self.ownName(other), "isCurrent": other == language, "href": "\(path)?lang=\(other.rawValue)"]
        }
        let page: [String: Any] = ["t": texts, "lang": language.rawValue, "title": title, "content": content, "languages": languages]
        return library.render(page, withTemplate: "layout") ?? ""
    }

    /// A page as a response: HTML, in `language`, remembering the language when the person just chose it.
    func response(
        _ template: String, title: String, values: [String: Any] = [:], status: HTTPResponse.Status = .ok,
        language: (language: Language, isNewChoice: Bool), path: String
    ) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language.language.rawValue
        headers[.vary] = "Accept-Language, Cookie"
        let body = html(template, title: title, values: values, language: language.language, path: path)
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        if language.isNewChoice { response.setCookie(PageLanguage.rememberingCookie(language.language)) }
        return response
    }

    /// A language's name in itself, as a person looking for their language reads it.
    static func ownName(_ language: Language) -> String {
        switch language {
        case .kyrgyz: "Кыргызча"
        case .russian: "Русский"
        case .english: "English"
        }
    }
}
