import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

extension StaffBroadcastsController {
    /// Someone not signed in: to the sign-in page, and back to `path` afterwards.
    func signIn(returningTo path: String) -> Response {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return renderer.redirect(to: "/sign-in?next=" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"))
    }

    /// The page for an API refusal: its 403 and 404 are the site's; a 400 for an address is a page not found.
    func failure(_ problem: Problem, request: Request, context: ServiceRequestContext) -> Response {
        switch problem.status {
        case 401: signIn(returningTo: request.uri.path)
        case 403: errorPage(.forbidden, request: request, context: context)
        case 400, 404: errorPage(.notFound, request: request, context: context)
        default: errorPage(.internalServerError, request: request, context: context)
        }
    }

    /// The site's page for `status`.
    func errorPage(_ status: HTTPResponse.Status, request: Request, context: ServiceRequestContext) -> Response {
        ErrorPagesMiddleware(renderer: renderer).page(for: status, request: request, context: context)
    }

    /// The broadcasts service cannot be reached: a page saying so.
    func unavailable(request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        return renderer.page(
            "error", title: texts["broadcasts_title"] ?? "",
            values: ["heading": texts["broadcasts_title"] ?? "", "explanation": texts["broadcasts_unavailable_explanation"] ?? ""],
            status: .serviceUnavailable, request: request, context: context)
    }

    /// Someone changed the record after the form was shown: nothing was saved, and the way back to `path`, fresh.
    func stale(returningTo path: String, request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        return renderer.page(
            "staff_broadcast_stale", title: texts["broadcasts_staff_stale_title"] ?? "", values: ["path": path], status: .conflict,
            request: request, context: context)
    }
}
