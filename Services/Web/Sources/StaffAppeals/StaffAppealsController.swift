import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

/// The staff pages for appeals: the inbox (`GET /staff/appeals`), the case page (`GET /staff/appeals/{id}`) and its
/// change forms (`POST /staff/appeals/{id}/<change>`).
///
/// Every read and change is an appeals API call made as the signed-in person, so they see and change exactly
/// what the API lets them: its 403 and 404 are the site's 403 and 404 pages. Someone not signed in is sent to
/// the sign-in page, and back here afterwards.
public struct StaffAppealsController: Sendable {
    static let service = "appeals"
    static let categoriesPath = "/api/v1/appeals/categories"

    let renderer: PageRenderer
    let api: PageAPI
    let directory: StaffDirectory

    /// Pages rendered by `renderer`, calling appeals through `api`, naming people and bodies from `directory`.
    public init(renderer: PageRenderer, api: PageAPI, directory: StaffDirectory) {
        self.renderer = renderer
        self.api = api
        self.directory = directory
    }

    /// Registers the inbox, the case page and the change forms.
    public func register(on router: ServiceRouter) {
        router.get("/staff/appeals", use: inbox)
        router.get("/staff/appeals/{id}", use: casePage)
        router.post("/staff/appeals/{id}/{change}", use: change)
        router.get("/staff/appeals/{id}/{change}", use: backToCase)
    }

    // MARK: The inbox

    @Sendable func inbox(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity?.isPerson == true else { return signIn(returningTo: request.uri.description) }
        let filter = StaffInboxFilter(request)
        async let listed = api.get(Self.service, filter.apiPath, as: StaffAppealPage.self, context: context)
        async let categories = categoryNames(context: context)
        let page: StaffAppealPage
        switch await listed {
        case .success(let value, _): page = value
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
        let inbox = StaffInboxPage(
            filter: filter, page: page, categories: await categories, language: PageLanguage.negotiate(request).language,
            texts: renderer.texts(for: request))
        return renderer.page("staff_inbox", title: inbox.title, values: inbox.values, request: request, context: context)
    }

    // MARK: The case page

    @Sendable func casePage(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard context.identity?.isPerson == true else { return signIn(returningTo: request.uri.path) }
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        switch await load(id, request: request, context: context) {
        case .success(let page):
            return renderer.page("staff_case", title: page.title, values: page.values(), request: request, context: context, hasForm: true)
        case .failure(let response): return response.response
        }
    }

    /// The case page's data, read in parallel, or the page that says why it cannot be shown.
    func load(_ id: UUID, request: Request, context: ServiceRequestContext) async -> Result<StaffCasePage, FailurePage> {
        let path = "/api/v1/appeals/\(id.uuidString.lowercased())"
        async let appealRead = api.get(Self.service, path, as: StaffAppeal.self, context: context)
        async let fileRead = api.get(Self.service, path + "/history", as: StaffCaseFile.self, context: context)
        async let categories = categoryNames(context: context)
        let (appealOutcome, fileOutcome) = await (appealRead, fileRead)
        guard case .success(let appeal, let headers) = appealOutcome else { return .failure(FailurePage(appealOutcome, self, request, context)) }
        guard case .success(let file, _) = fileOutcome else { return .failure(FailurePage(fileOutcome, self, request, context)) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let subjects = StaffCasePage.subjects(of: appeal, file)
        async let names = directory.names(of: subjects.people, organizations: subjects.organizations, language: language, texts: texts)
        let permissions = StaffPermissions(context.identity)
        async let choices = choices(permissions, appeal: appeal, file: file, language: language)
        return .success(
            StaffCasePage(
                appeal: appeal, version: headers.first(name: "ETag") ?? "", file: file, categories: await categories,
                permissions: permissions, language: language, texts: texts, names: await names, choices: await choices))
    }

    /// Whom the forms the person may use offer: read from the directory only for those forms.
    private func choices(_ permissions: StaffPermissions, appeal: StaffAppeal, file: StaffCaseFile, language: Language) async -> StaffCasePage.Choices {
        var choices = StaffCasePage.Choices()
        if permissions.offers(.assignment, appeal: appeal, file: file) {
            async let verifiers = directory.people(StaffDirectory.verifierRoles)
            async let legalExperts = directory.people(StaffDirectory.legalExpertRoles)
            (choices.verifiers, choices.legalExperts) = await (verifiers, legalExperts)
        }
        if permissions.offers(.referral, appeal: appeal, file: file) { choices.dutyBearers = await directory.dutyBearers(language) }
        return choices
    }

    // MARK: Changes

    @Sendable func change(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let change = context.parameters.get("change").flatMap(StaffChange.init(rawValue:))
        else { return errorPage(.notFound, request: request, context: context) }
        let casePath = "/staff/appeals/\(id.uuidString.lowercased())"
        guard context.identity?.isPerson == true else { return signIn(returningTo: casePath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let form = StaffChangeForm(change, fields: fields)
        guard let version = form.version else { return stale(form, casePath: casePath, request: request, context: context) }
        let body: StaffChangeBody
        switch form.body() {
        case .success(let value): body = value
        case .failure(let problems): return await returned(form, problems: problems, status: .unprocessableContent, id: id, request: request, context: context)
        }
        let outcome = await api.send(
            change.method, Self.service, change.apiPath(appeal: id, form: form), json: body, headers: ["If-Match": version], as: NoContent.self,
            context: context)
        switch outcome {
        case .success: return renderer.redirect(to: casePath)
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem):
            switch problem.status {
            case 412, 428: return stale(form, casePath: casePath, request: request, context: context)
            case 401: return signIn(returningTo: casePath)
            case 404: return errorPage(.notFound, request: request, context: context)
            default:
                let status = HTTPResponse.Status(code: problem.status)
                return await returned(
                    form, problems: StaffFieldProblems(change: change, problem: problem), status: status, id: id, request: request, context: context)
            }
        }
    }

    /// The case page again with `form`'s input and messages, or the "changed meanwhile" page when the appeal
    /// moved on since the form was shown.
    func returned(
        _ form: StaffChangeForm, problems: StaffFieldProblems, status: HTTPResponse.Status, id: UUID, request: Request, context: ServiceRequestContext
    ) async -> Response {
        switch await load(id, request: request, context: context) {
        case .failure(let page): return page.response
        case .success(let page):
            guard page.version == form.version else {
                return stale(form, casePath: "/staff/appeals/\(id.uuidString.lowercased())", request: request, context: context)
            }
            return renderer.page(
                "staff_case", title: page.title, values: page.values(returned: form, problems: problems), status: status, request: request,
                context: context, hasForm: true)
        }
    }

    /// A change's address opened as a page (a language link on a form sent back): the case page, in that language.
    @Sendable func backToCase(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        let language = request.uri.queryParameters.get("lang").flatMap(Language.init(rawValue:)).map { "?lang=\($0.rawValue)" } ?? ""
        return renderer.redirect(to: "/staff/appeals/\(id.uuidString.lowercased())\(language)")
    }

    /// Someone changed the appeal after the form was shown: what the person tried, and the way to the fresh page.
    func stale(_ form: StaffChangeForm, casePath: String, request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        let entered: [[String: String]] = form.change.fieldNames.compactMap { name in
            guard name != "referral", let value = form.text(name) else { return nil }
            return ["label": texts["staff_label_\(StaffCasePage.viewKey(name))"] ?? name, "value": form.displayValue(name, value, texts: texts)]
        }
        let values: [String: Any] = [
            "change": texts["staff_change_\(form.change.rawValue)"] ?? "", "entered": entered, "hasEntered": !entered.isEmpty, "casePath": casePath,
        ]
        return renderer.page("staff_stale", title: texts["staff_stale_title"] ?? "", values: values, status: .conflict, request: request, context: context)
    }
}
