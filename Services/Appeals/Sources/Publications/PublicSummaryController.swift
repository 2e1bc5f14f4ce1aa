import Foundation
import Hummingbird
import Models
import ServiceKit

/// `GET /internal/appeals/{id}/public-summary`: what another service may quote of an appeal, which is only
/// what the public may read already (broadcasts imports an appeal as a question from it). An appeal without
/// a public copy is a 404: its own texts and the appellant's data never leave appeals.
struct PublicSummaryController {
    let publications: PublicationRepository

    /// The path, under `/internal/`, so the gateway never forwards it.
    static let path = "/internal/appeals/{id}/public-summary"
    /// The services that quote appeals.
    static let callers: Set<String> = [ServiceCatalog.broadcasts.name]

    init(_ components: AppealsComponents) {
        publications = components.publications
    }

    func register(on router: ServiceRouter) {
        router.group(RouterPath(Self.path)).add(middleware: AllowedCallersMiddleware(Self.callers)).add(middleware: NoStoreMiddleware())
            .get(use: summary)
    }

    /// The public copy as a caller may quote it.
    struct PublicSummary: ResponseEncodable {
        let ref: Reference
        /// The public copy's ID (`GET /api/v1/appeals/published/{publicId}`).
        let publicId: UUID
        let title: LocalizedText
        let summary: LocalizedText
        let regionCode: Region
        let categoryCode: String
        /// Always `true` in an answer: an appeal without a public copy is a 404.
        let isPublished: Bool
        /// The day of publication (`YYYY-MM-DD`, Bishkek).
        let publishedOn: String
    }

    @Sendable func summary(_ request: Request, context: ServiceRequestContext) async throws -> PublicSummary {
        guard let id = context.parameters.get("id", as: UUID.self), let copy = try await publications.find(appealID: id) else {
            throw ServiceError.notFound("appeal")
        }
        return PublicSummary(
            ref: AppealFacts.reference(to: id), publicId: copy.id, title: copy.title, summary: copy.summary, regionCode: copy.regionCode,
            categoryCode: copy.categoryCode, isPublished: true, publishedOn: copy.publishedOn)
    }
}
