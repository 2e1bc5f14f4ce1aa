import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// `/api/v1/appeals`: submitting an appeal (anyone, anonymous included), and the staff side: lists, the
/// full case, its history, and the changes to the appeal itself. Each change needs `If-Match` and goes
/// through ``AppealWorkflow``. Every answer is `Cache-Control: no-store`: appeals carry personal data.
struct AppealController {
    let intake: AppealIntake
    let workflow: AppealWorkflow
    let presenter: AppealPresenter
    let appeals: AppealRepository
    let history: HistoryRepository
    let records: CaseRecordRepository
    let thesaurus: ThesaurusRepository
    let settings: AppealsSettings
    let idempotency: IdempotencyMiddleware
    /// The time now, which decides what is overdue.
    let now: @Sendable () -> Date

    init(_ components: AppealsComponents) {
        intake = components.intake
        workflow = components.workflow
        presenter = components.presenter
        appeals = components.appeals
        history = components.history
        records = components.records
        thesaurus = components.thesaurus
        settings = components.settings
        idempotency = components.idempotency
        now = components.now
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/appeals").add(middleware: NoStoreMiddleware()).get(use: list)
        router.group("/api/v1/appeals").add(middleware: NoStoreMiddleware()).add(middleware: idempotency).post(use: submit)
        let appeal = router.group("/api/v1/appeals/{id}").add(middleware: NoStoreMiddleware())
        appeal.get(use: get)
        appeal.get("history", use: historyOf)
        appeal.post("transitions", use: transition)
        appeal.put("assignment", use: assign)
        appeal.post("extension", use: extend)
        appeal.patch(use: annotate)
    }

    // MARK: Submitting

    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let input = try await request.decodeJSON(as: NewAppeal.self, context: context)
        let principal: Principal? = if case .principal(let principal) = identity { principal } else { nil }
        return try .json(try await intake.submit(input, by: principal), status: .created).withSecretFields(["trackingCode"])
    }

    // MARK: Reading

    /// A page of the staff list, and how many appeals on all its pages are overdue.
    struct AppealList: ResponseEncodable {
        let items: [AppealRepresentation]
        let nextCursor: Cursor?
        let overdueCount: Int
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> AppealList {
        let principal = try context.requirePrincipal()
        var filter = try AppealRepository.Filter(request, for: principal, now: now())
        try AppealAccess.restrict(&filter, for: principal)
        let page = try await appeals.list(filter, page: try request.pageRequest())
        return AppealList(
            items: try await presenter.represent(page.items.map { ($0, AppealAccess.view(of: $0, for: principal) ?? .council) }),
            nextCursor: page.nextCursor, overdueCount: try await appeals.countOverdue(filter, at: now())
        )
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (appeal, view) = try await workflow.load(context.appealID, for: try context.requirePrincipal())
        return try await presenter.response(appeal, view: view)
    }

    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> CaseHistory {
        let (appeal, view) = try await workflow.load(context.appealID, for: try context.requirePrincipal())
        let caseFile = CaseHistory(
            entries: try await history.entries(for: appeal.id), verifications: try await records.verifications(for: appeal.id),
            referrals: try await records.referrals(for: appeal.id), responses: try await records.responses(for: appeal.id)
        )
        switch view {
        case .full: return caseFile
        // A sensitive appeal's case file would give councils the dates and bodies its document withholds.
        case .council: return appeal.isSensitive ? .empty : caseFile.withoutFreeText()
        }
    }

    // MARK: Changing

    @Sendable func transition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AppealAccess.caseworkers.union([.legalExpert])), appealID: context.appealID)
        let input = try await request.decodeJSON(as: AppealTransition.self, context: context)
        try input.validate()
        return try await presenter.response(try await workflow.transition(caller, ifMatch: request, input))
    }

    @Sendable func assign(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AppealAccess.assigners), appealID: context.appealID)
        let input = try await request.decodeJSON(as: AppealAssignment.self, context: context)
        try input.validate()
        return try await presenter.response(try await workflow.assign(caller, ifMatch: request, input))
    }

    @Sendable func extend(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AppealAccess.assigners), appealID: context.appealID)
        let input = try await request.decodeJSON(as: DeadlineExtension.self, context: context)
        try input.validate(maxDays: settings.maxExtensionDays)
        return try await presenter.response(try await workflow.extend(caller, ifMatch: request, input))
    }

    /// Staff fields: the searchable summary, the sensitivity flag, a corrected category.
    @Sendable func annotate(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AppealAccess.caseworkers), appealID: context.appealID)
        let input = try await request.decodeJSON(as: AppealAnnotation.self, context: context)
        try await input.validate(thesaurus: thesaurus)
        return try await presenter.response(try await workflow.annotate(caller, ifMatch: request, input))
    }
}

extension HistoryRepository.Entry: ResponseEncodable {}
