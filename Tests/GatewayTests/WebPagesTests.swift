import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import TestSupport
import Testing

@testable import Web

/// The web front end's frame, served by the gateway: pages in the person's language, their security
/// headers, error pages for browsers only, and catalogues that cover every text the templates show.
@Suite struct WebPagesTests {
    static let browser: HTTPFields = [.accept: "text/html,application/xhtml+xml,*/*;q=0.8"]

    static func headers(_ extra: HTTPFields) -> HTTPFields {
        var headers = browser
        headers.append(contentsOf: extra)
        return headers
    }

    @Test func theHomePageSpeaksTheBrowsersLanguageUnderAStrictPolicy() async throws {
        try await GatewayHarness.with { gateway in
            let russian = try await gateway.send(.get, "/", headers: Self.headers([.acceptLanguage: "ru-RU,ru;q=0.9,en;q=0.5"]))
            #expect(russian.status == .ok)
            #expect(russian.headers[.contentType] == "text/html; charset=utf-8")
            #expect(russian.text.contains(#"<html lang="ru">"#))
            #expect(russian.text.contains("Открытые сообщества – открытые медиа"))
            #expect(russian.headers[.contentLanguage] == "ru")
            let policy = try #require(russian.headers[.contentSecurityPolicy])
            #expect(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'") && !policy.contains("unsafe"))
            // Nothing from another origin: the page names only our own addresses.
            #expect(!russian.text.contains("http://") && !russian.text.contains("https://") && !russian.text.contains("//cdn"))

            let english = try await gateway.send(.get, "/", headers: Self.headers([.acceptLanguage: "en-GB"]))
            #expect(english.text.contains(#"<html lang="en">"#))
            // No language the site has: Kyrgyz, the state language.
            let other = try await gateway.send(.get, "/", headers: Self.headers([.acceptLanguage: "de"]))
            #expect(other.text.contains(#"<html lang="ky">"#))
            #expect(other.text.contains("Ачык коомдор – ачык медиа"))
        }
    }

    @Test func aChosenLanguageIsRememberedOverTheBrowsers() async throws {
        try await GatewayHarness.with { gateway in
            let chosen = try await gateway.send(.get, "/?lang=ky", headers: Self.headers([.acceptLanguage: "en"]))
            #expect(chosen.text.contains(#"<html lang="ky">"#))
            let cookie = try #require(chosen.headers[.setCookie])
            #expect(cookie.hasPrefix("lang=ky;") && cookie.contains("SameSite=Lax"))
            // The links offer the other languages, named in themselves, and mark the current one.
            #expect(chosen.text.contains(#"href="/?lang=ru""#) && chosen.text.contains("Русский"))
            #expect(chosen.text.contains(#"<span aria-current="true" lang="ky">Кыргызча</span>"#))

            let later = try await gateway.send(.get, "/", headers: Self.headers([.acceptLanguage: "en", .cookie: "theme=dark; lang=ky"]))
            #expect(later.text.contains(#"<html lang="ky">"#))
            #expect(later.headers[.setCookie] == nil)
            // An unknown choice is no choice.
            let unknown = try await gateway.send(.get, "/?lang=xx", headers: Self.headers([.acceptLanguage: "ru"]))
            #expect(unknown.text.contains(#"<html lang="ru">"#) && unknown.headers[.setCookie] == nil)
        }
    }

    @Test func aBrowserGetsAnErrorPageWhereAnAPIClientGetsAProblem() async throws {
        try await GatewayHarness.with { gateway in
            let page = try await gateway.send(.get, "/no-such-page", headers: Self.headers([.acceptLanguage: "ru"]))
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("Страница не найдена") && page.text.contains(#"<html lang="ru">"#))

            let client = try await gateway.send(.get, "/no-such-page", headers: [.accept: "application/json"])
            #expect(client.status == .notFound && client.problemCode == "not_found")
            // API paths keep their problems even for a browser.
            let api = try await gateway.send(.get, "/api/v1/no-such-thing", headers: Self.browser)
            #expect(api.status == .notFound && api.problemCode == "not_found")
        }
    }

    @Test func headAnswersWhatGetAnswersWithoutTheBody() async throws {
        try await GatewayHarness.with { gateway in
            let page = try await gateway.send(.head, "/", headers: Self.headers([.acceptLanguage: "ky"]))
            #expect(page.status == .ok)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.body.readableBytes == 0)
            let css = try await gateway.send(.head, "/static/site.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            // A path that only takes POST still says so, HEAD not among its methods.
            let login = try await gateway.send(.head, "/api/v1/auth/login")
            #expect(login.status == .methodNotAllowed && login.headers[.allow] == "POST")
        }
    }

    @Test func aRefusalThatIsNotAMissingPageStaysWhatItIs() async throws {
        try await GatewayHarness.with(overrides: ["gateway.rate.limit.anonymous.per.minute": "1"]) { gateway in
            #expect(try await gateway.send(.get, "/", headers: Self.browser).status == .ok)
            let limited = try await gateway.send(.get, "/", headers: Self.browser)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.problemCode == "rate_limited")
        }
    }

    @Test func theStylesheetIsServedAndAPageStaysWithinItsBudget() async throws {
        try await GatewayHarness.with { gateway in
            let css = try await gateway.send(.get, "/static/site.css")
            #expect(css.status == .ok && css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.text.contains("font-family: system-ui"))
            let home = try await gateway.send(.get, "/", headers: Self.headers([.acceptLanguage: "ky"]))
            // A first visit loads the page and the stylesheet: under 60 KB together, uncompressed.
            #expect(home.body.readableBytes + css.body.readableBytes < 60_000)
        }
    }

    /// Every `{{t.key}}` a template shows is in every catalogue, and the catalogues hold the same keys.
    @Test func theCataloguesCoverEveryTextInEveryLanguage() throws {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/Web/Sources/Resources")
        let files = try FileManager.default.contentsOfDirectory(at: resources, includingPropertiesForKeys: nil)
        let catalogues = try files.filter { $0.pathExtension == "json" }.map {
            ($0.lastPathComponent, try JSONDecoder().decode([String: String].self, from: Data(contentsOf: $0)))
        }
        #expect(Set(catalogues.map(\.0)) == ["ky.json", "ru.json", "en.json"])
        let keys = Set(catalogues[0].1.keys)
        for (name, catalogue) in catalogues {
            #expect(Set(catalogue.keys) == keys, "\(name) differs: \(Set(catalogue.keys).symmetricDifference(keys).sorted())")
            #expect(catalogue.values.allSatisfy { !$0.trimmingCharacters(in: .whitespaces).isEmpty }, "\(name) has an empty text")
        }
        let used = try files.filter { $0.pathExtension == "mustache" }.flatMap { template in
            try String(contentsOf: template, encoding: .utf8).matches(of: /\{\{\s*t\.([a-z0-9_]+)\s*\}\}/).map { String($0.output.1) }
        }
        #expect(!used.isEmpty)
        #expect(Set(used).subtracting(keys).isEmpty, "texts missing from the catalogues: \(Set(used).subtracting(keys).sorted())")
        // Error pages look their texts up by status.
        for status in [403, 404, 500] { #expect(keys.contains("error_\(status)_heading") && keys.contains("error_\(status)_explanation")) }
    }

    /// Every template in the resources is one the renderer knows: a page whose template is missing would show an
    /// empty page rather than fail.
    @Test func everyTemplateIsEmbedded() throws {
        let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Services/Web/Sources/Resources")
        let templates = try FileManager.default.contentsOfDirectory(at: resources, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "mustache" }.map { $0.deletingPathExtension().lastPathComponent }
        let renderer = try PageRenderer.embedded(formKey: SymmetricKey(size: .bits256))
        #expect(templates.count > 10)
        for template in templates { #expect(renderer.hasTemplate(template), "\(template).mustache is not embedded in PageRenderer") }
    }
}
