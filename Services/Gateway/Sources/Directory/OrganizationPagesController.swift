import Foundation
import Hummingbird
import Models
import ServiceKit
import Web

/// `/organizations` and `/organizations/new`: coordinators and admins see the directory's organisations and add
/// one in the browser, through ``OrganizationWorkflow`` as the API does, so a new deployment can name the owner
/// of its first logframe indicator without calling the API. What is wrong with a field is said next to it, in the
/// person's language. Renaming, moving and disabling an organisation stay with the API.
struct OrganizationPagesController {
    static let path = "/organizations"
    static let newPath = path + "/new"

    let renderer: PageRenderer
    let organizations: OrganizationRepository
    let workflow: OrganizationWorkflow

    /// The catalogue keys this code looks up itself (the templates' own `{{t.…}}` are checked from the templates).
    static var catalogueKeys: [String] {
        OrganizationForm.Field.allCases.map(\.messageKey) + Organization.Kind.allCases.map(kindKey)
            + ["organizations_title", "organization_new_title"]
    }

    func register(on router: ServiceRouter) {
        router.get(RouterPath(Self.path), use: list)
        router.get(RouterPath(Self.newPath), use: newForm)
        router.post(RouterPath(Self.newPath), use: create)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let signIn = renderer.signInFirst(request, context: context) { return signIn }
        _ = try context.requireRole(OrganizationController.managers)
        // `?cursor=` from the page's "next" link (`?limit=` too, as in the API: 50 unless asked, at most 200).
        let page = try request.pageRequest()
        var everyOne = OrganizationRepository.Filter()
        everyOne.includeDisabled = true
        let found = try await organizations.list(everyOne, page: page)
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let items: [[String: Any]] = found.items.map { organization in
            var item: [String: Any] = [
                "name": organization.name.text(preferring: [language]), "kind": texts[Self.kindKey(organization.type)] ?? organization.type.rawValue,
                "isDisabled": organization.isDisabled,
            ]
            item["region"] = organization.regionCode?.name.text(preferring: [language])
            return item
        }
        var values: [String: Any] = ["organizations": items, "hasOrganizations": !items.isEmpty]
        values["nextHref"] = found.nextCursor.map { "\(Self.path)?cursor=\($0.encoded)" }
        return renderer.page("organizations", title: texts["organizations_title"] ?? "", values: values, request: request, context: context)
    }

    @Sendable func newForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let signIn = renderer.signInFirst(request, context: context) { return signIn }
        _ = try context.requireRole(OrganizationController.managers)
        return page(OrganizationForm(), errors: [], request: request, context: context)
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let actor = try context.requireRole(OrganizationController.managers)
        let form = OrganizationForm(fields)
        let (input, unreadable) = form.input()
        var errors = unreadable
        do {
            // A kind or a region read wrongly is refused with the rest of what the rules say about the form.
            if let input, !unreadable.isEmpty {
                do { try input.organization(now: Date()).validate() } catch { errors.formUnion(OrganizationForm.fields(of: error.fieldErrors ?? [:])) }
            }
            guard let input, unreadable.isEmpty else { throw ServiceError.validationFailed([:]) }
            _ = try await workflow.create(input, by: actor)
            return renderer.redirect(to: Self.path)
        } catch let error as ServiceError where error.code == ServiceError.validationFailed([:]).code {
            errors.formUnion(OrganizationForm.fields(of: error.fieldErrors ?? [:]))
            return page(form, errors: errors, status: .unprocessableContent, request: request, context: context)
        }
    }

    /// The form with what was typed, each refused field's message beside it and listed at the top.
    private func page(
        _ form: OrganizationForm, errors: Set<OrganizationForm.Field>, status: HTTPResponse.Status = .ok, request: Request,
        context: ServiceRequestContext
    ) -> Response {
        let texts = renderer.texts(for: request)
        let language = PageLanguage.negotiate(request).language
        let message = { (field: OrganizationForm.Field) in errors.contains(field) ? texts[field.messageKey] ?? field.rawValue : nil }
        var fields: [String: Any] = [:]
        for field in OrganizationForm.Field.allCases {
            var entry: [String: Any] = ["value": form.values[field] ?? ""]
            entry["error"] = message(field)
            fields[field.inputName] = entry
        }
        let errorList: [[String: String]] = OrganizationForm.Field.allCases.compactMap { field in
            message(field).map { ["message": $0, "id": field == .name ? "f-name_ky" : "f-\(field.inputName)"] }
        }
        let values: [String: Any] = [
            "f": fields, "errorList": errorList, "hasErrors": !errorList.isEmpty, "action": Self.newPath,
            "kinds": Organization.Kind.allCases.map { kind in
                ["code": kind.rawValue, "name": texts[Self.kindKey(kind)] ?? kind.rawValue, "isSelected": form.values[.type] == kind.rawValue]
            },
            "regions": Region.allCases.map { region in
                ["code": region.code, "name": region.name.text(preferring: [language]), "isSelected": form.values[.regionCode] == region.code]
            },
        ]
        return renderer.page(
            "organization_new", title: texts["organization_new_title"] ?? "", values: values, status: status, request: request, context: context,
            hasForm: true)
    }

    static func kindKey(_ kind: Organization.Kind) -> String { "organization_kind_\(kind.rawValue)" }
}
