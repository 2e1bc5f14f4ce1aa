import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

// The answers the staff pages share: sign-in, error pages, "not available now", the categories' names.
extension StaffAppealsController {
    /// The categories' names by code; none when they cannot be read (codes are shown instead).
    func categoryNames(context: ServiceRequestContext) async -> [String: LocalizedText] {
        guard
            case .success(let categories, _) = await api.get(
                Self.service, Self.categoriesPath + "?includeRetired=true", as: StaffCategories.self, context: context)
        else { return [:] }
        return Dictionary(categories.items.map { ($0.code, $0.name) }) { first, _ in first }
    }

    /// To the sign-in page, which comes back to `path` afterwards.
    func signIn(returningTo path: String) -> Response {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~/")
        return renderer.redirect(to: "/sign-in?next=" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"))
    }

    /// The page for an API problem when reading: its 403 and 404 are the site's, anything else a failure of ours.
    func failure(_ problem: Problem, request: Request, context: ServiceRequestContext) -> Response {
        switch problem.status {
        case 401: signIn(returningTo: request.uri.description)
        case 403: errorPage(.forbidden, request: request, context: context)
        case 404: errorPage(.notFound, request: request, context: context)
        default: errorPage(.internalServerError, request: request, context: context)
        }
    }

    func errorPage(_ status: HTTPResponse.Status, request: Request, context: ServiceRequestContext) -> Response {
        ErrorPagesMiddleware(renderer: renderer).page(for: status, request: request, context: context)
    }

    /// The appeals service cannot be reached: a page saying so, in the person's language.
    func unavailable(request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        let heading = texts["staff_unavailable_heading"] ?? ""
        return renderer.page(
            "error", title: heading, values: ["heading": heading, "explanation": texts["staff_unavailable_explanation"] ?? ""],
            status: .serviceUnavailable, request: request, context: context)
    }

    /// A page that says why the case page cannot be shown.
    struct FailurePage: Error {
        let response: Response

        init<Value>(_ outcome: PageAPI.Outcome<Value>, _ controller: StaffAppealsController, _ request: Request, _ context: ServiceRequestContext) {
            switch outcome {
            case .problem(let problem): response = controller.failure(problem, request: request, context: context)
            default: response = controller.unavailable(request: request, context: context)
            }
        }
    }
}
