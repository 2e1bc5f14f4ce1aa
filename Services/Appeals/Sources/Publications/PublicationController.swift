import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// Publishing a redacted copy of an appeal (verifiers), and the public reading it.
struct PublicationController {
    static let publishers: Set<Role> = [.admin, .coordinator, .verifier]
    let workflow: AppealWorkflow
    let presenter: AppealPresenter
    let publications: PublicationRepository
    let records: CaseRecordRepository
    /// The public list's pages, emptied by the workflow on every change.
    let publishedPages: EncodedResponseCache

    init(_ components: AppealsComponents) {
        workflow = components.workflow
        presenter = components.presenter
        publications = components.publications
        records = components.records
        publishedPages = components.publishedPages
    }

    func register(on router: ServiceRouter) {
        router.post("/api/v1/appeals/{id}/publication", use: publish)
        router.delete("/api/v1/appeals/{id}/publication", use: unpublish)
        router.get("/api/v1/appeals/published", use: list)
        router.get("/api/v1/appeals/published/{id}", use: get)
    }

    @Sendable func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        // Before the body: a forbidden caller learns nothing of its rules.
        let caller = try await workflow.authorize(try context.requireRole(Self.publishers), appealID: context.appealID)
        let input = try await request.decodeJSON(as: NewPublication.self, context: context)
        try input.validate()
        return try await presenter.response(try await workflow.publish(caller, ifMatch: request, input))
    }

    @Sendable func unpublish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(Self.publishers), appealID: context.appealID)
        return try await presenter.response(try await workflow.unpublish(caller, ifMatch: request))
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        let filter = try PublicationRepository.PublicFilter(request)
        let key = "\(page.limit) \(page.cursor.map { "\($0.key) \($0.id)" } ?? "") \(filter.cacheKey)"
        return try await publishedPages.response(for: key) { try await publications.list(page: page, filter: filter) }
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> PublicationRepository.PublishedAppeal {
        guard let id = context.parameters.get("id", as: UUID.self), var published = try await publications.find(publicID: id) else {
            throw ServiceError.notFound("published appeal")
        }
        published.responses = try await records.responses(for: published.appealID, publicOnly: true).map(PublishedResponse.init)
        return published
    }
}

extension PublicationRepository.PublishedAppeal: ResponseEncodable {}
