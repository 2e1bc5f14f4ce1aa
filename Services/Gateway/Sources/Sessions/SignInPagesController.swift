import Foundation
import Hummingbird
import Persistence
import ServiceKit
import Web

/// The site's sign-in and sign-out for staff and stakeholders: `GET`/`POST /sign-in`, `POST /sign-out`.
///
/// A sign-in starts a server-side session (``SiteSessionRepository``) whose token goes to the browser in an
/// HttpOnly, SameSite=Lax cookie; the form token is renewed at sign-in and sign-out. The API's bearer tokens
/// are separate and unchanged: the session cookie is honoured on the site's pages only.
struct SignInPagesController {
    /// The session cookie's name (before any `__Host-` prefix).
    static let cookieName = "session"

    let renderer: PageRenderer
    let signIn: PasswordSignIn
    let sessions: SiteSessionRepository
    let audit: AuditRepository

    func register(on router: ServiceRouter) {
        router.get("/sign-in", use: form)
        router.post("/sign-in", use: submit)
        router.post("/sign-out", use: signOut)
    }

    @Sendable func form(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        page(request: request, context: context, next: Self.localPath(request.uri.queryParameters.get("next")))
    }

    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let email = fields["email"] ?? ""
        let next = Self.localPath(fields["next"])
        let texts = renderer.texts(for: request)
        do {
            let (user, organization) = try await signIn.authenticate(email: email, password: fields["password"] ?? "", client: context.clientKey)
            let token = try await sessions.database.transaction { [sessions, audit] session in
                let token = try await sessions.start(for: user, organization: organization, on: session)
                try await audit.record(.signIn, by: user.id.text, target: .user, id: user.id.text, on: session)
                return token
            }
            let cookie = SiteCookie.make(Self.cookieName, value: token, isOverHTTPS: context.isOverHTTPS)
            return renderer.redirect(to: next, cookies: [cookie, renderer.forms.renewedCookie(context: context)])
        } catch let error as ServiceError where error.status == .unauthorized || error.status == .tooManyRequests {
            // A wrong password, or too many: the form again, saying which, with the API's Retry-After.
            let failure = texts[error.status == .unauthorized ? "sign_in_failed" : "sign_in_throttled"]
            var response = page(request: request, context: context, next: next, email: email, failure: failure, status: error.status)
            response.headers[.retryAfter] = error.headers[.retryAfter]
            return response
        }
    }

    @Sendable func signOut(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard await renderer.acceptedForm(request, context: context) != nil else {
            return renderer.formRefused(request: request, context: context)
        }
        if let token = SiteCookie.value(Self.cookieName, in: request, isOverHTTPS: context.isOverHTTPS) {
            try await sessions.end(token)
        }
        return renderer.redirect(
            to: "/", cookies: [SiteCookie.expired(Self.cookieName, isOverHTTPS: context.isOverHTTPS), renderer.forms.renewedCookie(context: context)])
    }

    private func page(
        request: Request, context: ServiceRequestContext, next: String, email: String = "", failure: String? = nil, status: HTTPResponse.Status = .ok
    ) -> Response {
        var values: [String: Any] = ["next": next, "email": email]
        values["failure"] = failure
        return renderer.page(
            "sign_in", title: renderer.texts(for: request)["sign_in_title"] ?? "", values: values, status: status, request: request, context: context,
            hasForm: true)
    }

    /// Where to go after signing in: a path of this site, never another site (`//host` or a scheme), else the home page.
    static func localPath(_ candidate: String?) -> String {
        guard let candidate, candidate.hasPrefix("/"), !candidate.hasPrefix("//"), !candidate.contains("\\"), candidate.utf8.count <= 512,
            candidate.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F })
        else { return "/" }
        return candidate
    }
}
