import Foundation
import Hummingbird
import Models
import Persistence
import ServiceKit
import Web

/// `/logframe/new`, `/logframe/{id}/edit` and `/logframe/{id}/delete`: coordinators and admins create, change
/// and delete logframe indicators in the browser, through ``LogframeWorkflow`` as the API does. A change or
/// deletion carries the version the form was read at, as the API's `If-Match`, so an edit made meanwhile is
/// never overwritten: the person gets the "changed meanwhile" page with what they typed.
struct LogframeIndicatorPagesController {
    static let newPath = LogframePagesController.path + "/new"
    /// The most organisations the owner choice lists: the directory holds dozens.
    static let maxOwners = PageRequest.maximumLimit

    let renderer: PageRenderer
    let indicators: LogframeRepository
    let organizations: OrganizationRepository
    let workflow: LogframeWorkflow
    let now: @Sendable () -> Date

    func register(on router: ServiceRouter) {
        router.get(RouterPath(Self.newPath), use: newForm)
        router.post(RouterPath(Self.newPath), use: create)
        router.get(RouterPath(LogframePagesController.path + "/{id}/edit"), use: editForm)
        router.post(RouterPath(LogframePagesController.path + "/{id}/edit"), use: update)
        router.get(RouterPath(LogframePagesController.path + "/{id}/delete"), use: deleteForm)
        router.post(RouterPath(LogframePagesController.path + "/{id}/delete"), use: delete)
    }

    @Sendable func newForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let signIn = renderer.signInFirst(request, context: context) { return signIn }
        _ = try LogframeAccess.requireManager(context)
        return try await page(LogframeIndicatorFormPage(form: LogframeIndicatorForm(), owners: try await owners()), request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let actor = try LogframeAccess.requireManager(context)
        let form = LogframeIndicatorForm(fields)
        let (indicator, unreadable) = form.indicator(changing: nil, now: now())
        return try await saved(form, unreadable: unreadable, indicator: indicator, request: request, context: context) {
            let input = NewLogframeIndicator(
                code: indicator.code, name: indicator.name, definition: indicator.definition, unit: indicator.unit,
                sourceIndicator: indicator.sourceIndicator, disaggregations: indicator.disaggregations, baseline: indicator.baseline, targets: nil,
                ownerId: indicator.ownerId, visibility: indicator.visibility)
            _ = try await workflow.create(input, by: actor)
        }
    }

    @Sendable func editForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let signIn = renderer.signInFirst(request, context: context) { return signIn }
        _ = try LogframeAccess.requireManager(context)
        let indicator = try await find(context)
        return try await page(
            LogframeIndicatorFormPage(form: LogframeIndicatorForm(indicator), owners: try await owners()), id: indicator.id, request: request,
            context: context)
    }

    @Sendable func update(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let actor = try LogframeAccess.requireManager(context)
        let current = try await find(context)
        let form = LogframeIndicatorForm(fields)
        guard let version = form.version else { return stale(form, id: current.id, request: request, context: context) }
        let (indicator, unreadable) = form.indicator(changing: current, now: now())
        return try await saved(form, unreadable: unreadable, indicator: indicator, id: current.id, request: request, context: context) {
            _ = try await workflow.update(current, to: indicator, by: actor) { eTag in
                guard eTag == "\"\(version)\"" else { throw ServiceError.staleVersion }
            }
        }
    }

    /// Saves the form's indicator with `save` and goes back to the logframe; the form again with messages when
    /// a field is refused, the "changed meanwhile" page when the indicator moved on since the form was shown.
    private func saved(
        _ form: LogframeIndicatorForm, unreadable: Set<LogframeIndicatorForm.Field>, indicator: LogframeIndicator, id: UUID? = nil,
        request: Request, context: ServiceRequestContext, save: () async throws -> Void
    ) async throws -> Response {
        var errors = unreadable
        do {
            guard unreadable.isEmpty else {
                // Fields that could not be read are refused here; the rest are checked as the workflow would.
                var ruled = FieldErrors()
                indicator.check(into: &ruled)
                errors.formUnion(LogframeIndicatorForm.fields(of: ruled.messages))
                throw ServiceError.validationFailed([:])
            }
            try await save()
            return renderer.redirect(to: LogframePagesController.path)
        } catch let error as ServiceError where error.code == ServiceError.staleVersion.code {
            return stale(form, id: id ?? indicator.id, request: request, context: context)
        } catch let error as ServiceError where error.code == ServiceError.validationFailed([:]).code {
            errors.formUnion(LogframeIndicatorForm.fields(of: error.fieldErrors ?? [:]))
            let page = LogframeIndicatorFormPage(form: form, errors: errors, owners: try await owners())
            return try await self.page(page, id: id, status: .unprocessableContent, request: request, context: context)
        } catch let error as ServiceError where error.code == ServiceError.logframeCodeTaken.code {
            let page = LogframeIndicatorFormPage(form: form, errors: errors, isCodeTaken: true, owners: try await owners())
            return try await self.page(page, id: id, status: .conflict, request: request, context: context)
        }
    }

    @Sendable func deleteForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let signIn = renderer.signInFirst(request, context: context) { return signIn }
        _ = try LogframeAccess.requireManager(context)
        let indicator = try await find(context)
        let language = PageLanguage.negotiate(request).language
        let values: [String: Any] = [
            "code": indicator.code, "name": indicator.name.text(preferring: [language]), "version": indicator.version,
            "action": "\(LogframePagesController.path)/\(indicator.id.text)/delete",
        ]
        let texts = renderer.texts(for: request)
        return renderer.page(
            "logframe_delete", title: texts["logframe_delete_title"] ?? "", values: values, request: request, context: context, hasForm: true)
    }

    @Sendable func delete(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let actor = try LogframeAccess.requireManager(context)
        let indicator = try await find(context)
        let version = fields["version"] ?? ""
        do {
            try await workflow.delete(indicator, by: actor) { eTag in
                guard eTag == "\"\(version)\"" else { throw ServiceError.staleVersion }
            }
            return renderer.redirect(to: LogframePagesController.path)
        } catch let error as ServiceError where error.code == ServiceError.staleVersion.code {
            return stale(LogframeIndicatorForm(), id: indicator.id, request: request, context: context)
        }
    }

    /// Someone changed the indicator after the form was shown: nothing was saved; what the person typed, and
    /// the way to the form as the indicator now stands.
    private func stale(_ form: LogframeIndicatorForm, id: UUID, request: Request, context: ServiceRequestContext) -> Response {
        let texts = renderer.texts(for: request)
        let entered = form.version == nil ? [] : LogframeIndicatorFormPage.entered(form, texts: texts)
        let values: [String: Any] = [
            "entered": entered, "hasEntered": !entered.isEmpty, "freshPath": "\(LogframePagesController.path)/\(id.text)/edit",
        ]
        return renderer.page(
            "logframe_stale", title: texts["logframe_stale_title"] ?? "", values: values, status: .conflict, request: request, context: context)
    }

    private func page(
        _ page: LogframeIndicatorFormPage, id: UUID? = nil, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async throws -> Response {
        let texts = renderer.texts(for: request)
        let action = id.map { "\(LogframePagesController.path)/\($0.text)/edit" } ?? Self.newPath
        let values = page.values(texts: texts, language: PageLanguage.negotiate(request).language, action: action)
        let title = texts[id == nil ? "logframe_new_title" : "logframe_edit_title"] ?? ""
        return renderer.page("logframe_indicator", title: title, values: values, status: status, request: request, context: context, hasForm: true)
    }

    /// The directory's active organisations, which may own an indicator.
    private func owners() async throws -> [Organization] {
        let first = try PageRequest(limit: String(Self.maxOwners), cursor: nil)
        return try await organizations.list(OrganizationRepository.Filter(), page: first).items
    }

    private func find(_ context: ServiceRequestContext) async throws -> LogframeIndicator {
        guard let id = context.parameters.get("id", as: UUID.self), let indicator = try await indicators.find(id) else {
            throw ServiceError.notFound("logframe indicator")
        }
        return indicator
    }
}
