import HTTPTypes
import Hummingbird
import ServiceKit

/// Adds the browser-hardening headers to every gateway response, proxied or not, errors included.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    /// Pages load only the site's own stylesheet and images, run no script that is not a file of ours (never
    /// inline), connect only to the site (the question wall's and the presenter's screen's live streams), post forms
    /// only to the site, and may not be framed.
    static let htmlPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await context.responseRenderingErrors(request, next: next)
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "no-referrer"
        // Only the first nine characters are lowered: this runs on every response, some of them large.
        if response.headers[.contentType]?.prefix(9).lowercased() == "text/html" {
            response.headers[.contentSecurityPolicy] = Self.htmlPolicy
        }
        // A response to a credentialed request may be personal; no cache in between may keep it.
        if request.headers[.authorization] != nil || request.headers[.xAPIKey] != nil {
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}

extension HTTPField.Name {
    static let xAPIKey = HTTPField.Name("X-API-Key")!
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
