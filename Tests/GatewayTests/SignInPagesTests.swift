import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Gateway

/// The site's sign-in: server-side sessions in a cookie, form tokens and origin checks on every form,
/// sign-out and expiry; the API keeps its bearer tokens and ignores the cookie.
@Suite struct SignInPagesTests {
    static let admin = [("email", TestConfiguration.adminEmail), ("password", TestConfiguration.adminPassword)]

    @Test(arguments: TestDatabases.kinds)
    func aPersonSignsInAndOutWithACookieTheAPIIgnores(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let browser = PageVisitor(gateway.client)
            let form = try await browser.open("/sign-in?lang=en")
            #expect(form.status == .ok && form.text.contains("Sign in for staff"))
            let formCookie = try #require(form.headers[values: .setCookie].first { $0.hasPrefix("csrf=") })
            #expect(formCookie.contains("HttpOnly") && formCookie.contains("SameSite=Lax") && !formCookie.contains("Secure"))

            let wrong = try await browser.submit("/sign-in", [("email", TestConfiguration.adminEmail), ("password", "not it"), ("next", "/")])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("The email or password is not right.") && wrong.text.contains(TestConfiguration.adminEmail))
            #expect(!wrong.text.contains("not it"), "a password is never shown back")

            let tokenBefore = try #require(browser.cookies["csrf"])
            let signedIn = try await browser.submit("/sign-in", Self.admin + [("next", "/?from=sign-in")])
            #expect(signedIn.status == .seeOther && signedIn.headers[.location] == "/?from=sign-in")
            let sessionCookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("session=") })
            #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Lax") && sessionCookie.contains("Path=/"))
            #expect(browser.cookies["csrf"] != tokenBefore, "signing in renews the form token")
            let session = try #require(browser.cookies["session"])

            let home = try await browser.open("/")
            #expect(home.text.contains(#"action="/sign-out""#) && !home.text.contains(#"href="/sign-in""#))
            #expect(home.text.contains(#"href="/staff/appeals""#), "staff find their pages from every page")
            // The cookie is no credential for the API: a site cannot make API calls with a visitor's cookie.
            let api = try await gateway.send(.get, "/api/v1/auth/me", headers: [.cookie: "session=\(session)"])
            #expect(api.status == .unauthorized)

            let signedOut = try await browser.submit("/sign-out", [])
            #expect(signedOut.status == .seeOther && signedOut.headers[.location] == "/")
            #expect(browser.cookies["session"] == nil)
            // The ended session's token is worth nothing, even to someone who kept it.
            let replay = try await gateway.send(.get, "/", headers: [.accept: "text/html", .cookie: "session=\(session)"])
            #expect(replay.text.contains(#"href="/sign-in""#))
        }
    }

    @Test func aFormFromAnotherSiteOrWithoutItsTokenIsRefused() async throws {
        try await GatewayHarness.with { gateway in
            let browser = PageVisitor(gateway.client)
            try await browser.open("/sign-in?lang=en")
            let token = try #require(browser.formToken)

            let crossSite = try await browser.submit("/sign-in", Self.admin, headers: [HTTPField.Name("Sec-Fetch-Site")!: "cross-site"])
            #expect(crossSite.status == .forbidden && crossSite.text.contains("The form was not accepted"))
            let sibling = try await browser.submit("/sign-in", Self.admin, headers: [HTTPField.Name("Sec-Fetch-Site")!: "same-site"])
            #expect(sibling.status == .forbidden)
            let noToken = try await browser.submit("/sign-in", Self.admin + [("csrf", "")])
            #expect(noToken.status == .forbidden)
            let forged = try await browser.submit("/sign-in", Self.admin + [("csrf", String(token.reversed()))])
            #expect(forged.status == .forbidden)
            // A browser without Sec-Fetch-Site still names the page's origin.
            let elsewhere = try await gateway.client.execute(
                uri: "/sign-in", method: .post,
                headers: [
                    .contentType: "application/x-www-form-urlencoded", .origin: "https://evil.example",
                    .cookie: "csrf=\(try #require(browser.cookies["csrf"]))",
                ],
                body: .init(string: PageVisitor.encode(Self.admin + [("csrf", token)])))
            #expect(elsewhere.status == .forbidden)
            // Nothing was signed in along the way.
            #expect(browser.cookies["session"] == nil)
            let accepted = try await browser.submit("/sign-in", Self.admin)
            #expect(accepted.status == .seeOther)
        }
    }

    @Test func overHTTPSBehindATrustedProxyTheCookiesAreSecureAndHostOnly() async throws {
        try await GatewayHarness.with(overrides: ["gateway.trusted.proxies": "127.0.0.1,::1"], setup: .live) { gateway in
            let browser = PageVisitor(gateway.client, headers: [HTTPField.Name("X-Forwarded-Proto")!: "https"])
            let form = try await browser.open("/sign-in")
            let formCookie = try #require(form.headers[values: .setCookie].first)
            #expect(formCookie.hasPrefix("__Host-csrf=") && formCookie.contains("Secure") && !formCookie.contains("Domain"))
            let signedIn = try await browser.submit("/sign-in", Self.admin)
            let sessionCookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("__Host-session=") })
            #expect(sessionCookie.contains("Secure") && sessionCookie.contains("HttpOnly"))
            #expect(try await browser.open("/").text.contains(#"action="/sign-out""#))
            // Over HTTPS a cookie without the prefix (which another host could have set) counts for nothing.
            let session = try #require(browser.cookies["__Host-session"])
            let bare = try await gateway.send(
                .get, "/", headers: [.accept: "text/html", .cookie: "session=\(session)", HTTPField.Name("X-Forwarded-Proto")!: "https"])
            #expect(bare.text.contains(#"href="/sign-in""#))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aSessionEndsWhenIdleWhenOldAndWhenItsUserChanges(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let id = try await gateway.createUser(email: "staff@example.org", roles: [.verifier], token: admin)
            let database = try gateway.openDatabase()
            let users = UserRepository(database: database)
            let sessions = SiteSessionRepository(database: database, lifetime: 12 * 3600, idleTimeout: 30 * 60)
            let user = try #require(try await users.find(id))
            let start = Date()
            let token = try await database.transaction { try await sessions.start(for: user, organization: nil, on: $0, now: start) }

            let found = try #require(try await sessions.find(token, now: start + 60))
            #expect(found.principal.roles == [.verifier] && found.principal.subject == id.text && found.sessionVersion == user.sessionVersion)
            // Each request within the idle timeout keeps it alive, up to its lifetime.
            var now = start
            for _ in 0..<20 {
                now += 25 * 60
                #expect(try await sessions.find(token, now: now) != nil)
            }
            #expect(try await sessions.find(token, now: start + 12 * 3600 + 1) == nil, "no session outlives its lifetime")
            #expect(try await sessions.find(token, now: now + 31 * 60) == nil, "a session left idle ends")
            try await database.close()

            // A changed user's site session ends as their access tokens do.
            let browser = PageVisitor(gateway.client)
            try await browser.open("/sign-in")
            #expect(try await browser.submit("/sign-in", [("email", "staff@example.org"), ("password", "a long enough password")]).status == .seeOther)
            #expect(try await browser.open("/").text.contains(#"action="/sign-out""#))
            #expect(try await gateway.change("/api/v1/users/\(id)", json: #"{"roles":["coordinator"]}"#, token: admin).status == .ok)
            #expect(try await browser.open("/").text.contains(#"href="/sign-in""#))
        }
    }

    @Test func afterSignInOnlyAPathOfThisSiteIsFollowed() {
        #expect(SignInPagesController.localPath("/appeals/inbox?page=2") == "/appeals/inbox?page=2")
        for elsewhere in ["//evil.example/", "https://evil.example/", "/\\evil.example", "evil", "", nil, "/a b", "/\u{0}"] {
            #expect(SignInPagesController.localPath(elsewhere) == "/", "\(String(describing: elsewhere))")
        }
    }
}
