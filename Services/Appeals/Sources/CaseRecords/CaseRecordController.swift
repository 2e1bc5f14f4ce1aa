import Foundation
import Hummingbird
import Models
import ServiceKit

/// What staff add to an appeal's case file: fact-checks, referrals to duty-bearers and their replies, and
/// responses. Each needs `If-Match` and answers with the changed appeal; every answer is `no-store`.
struct CaseRecordController {
    let workflow: AppealWorkflow
    let presenter: AppealPresenter

    init(_ components: AppealsComponents) {
        workflow = components.workflow
        presenter = components.presenter
    }

    func register(on router: ServiceRouter) {
        let appeal = router.group("/api/v1/appeals/{id}").add(middleware: NoStoreMiddleware())
        appeal.post("verification", use: verify)
        appeal.post("referrals", use: refer)
        appeal.post("referrals/{referralId}/reply", use: recordReply)
        appeal.post("responses", use: respond)
    }

    @Sendable func verify(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AppealAccess.caseworkers), appealID: context.appealID)
        let input = try await request.decodeJSON(as: NewVerification.self, context: context)
        try input.validate()
        return try await presenter.response(try await workflow.verify(caller, ifMatch: request, input))
    }

    @Sendable func refer(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AppealAccess.caseworkers), appealID: context.appealID)
        let input = try await request.decodeJSON(as: NewReferral.self, context: context)
        try input.validate()
        return try await presenter.response(try await workflow.refer(caller, ifMatch: request, input))
    }

    @Sendable func recordReply(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AppealAccess.caseworkers), appealID: context.appealID)
        guard let referralID = context.parameters.get("referralId", as: UUID.self) else { throw ServiceError.notFound("referral") }
        let input = try await request.decodeJSON(as: ReferralReply.self, context: context)
        try input.validate()
        return try await presenter.response(try await workflow.recordReply(caller, ifMatch: request, to: referralID, input))
    }

    @Sendable func respond(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(AppealAccess.responders), appealID: context.appealID)
        let input = try await request.decodeJSON(as: NewResponse.self, context: context)
        try input.validate()
        return try await presenter.response(try await workflow.respond(caller, ifMatch: request, input))
    }
}
