import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// Publishing a redacted copy of an appeal (verifiers), and the public reading it.
struct PublicationController {
    static let publishers: Set<Role> = [.admin, .coordinator, .verifier]
    let cases: AppealController
    let publications: PublicationRepository
    let records: CaseRecordRepository

    func register(on router: ServiceRouter) {
        router.post("/api/v1/appeals/{id}/publication", use: publish)
        router.delete("/api/v1/appeals/{id}/publication", use: unpublish)
        router.get("/api/v1/appeals/published", use: list)
        router.get("/api/v1/appeals/published/{id}", use: get)
    }

    struct Publication: Decodable {
        let title: LocalizedText
        let summary: LocalizedText
        let isSensitive: Bool?
        /// Where, as the verifier writes it for the public (a district, a town): the appellant's own
        /// `locality` may name a street and a house, so it is never copied.
        let publicLocality: String?
    }

    @Sendable func publish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try await cases.authorize(context, roles: Self.publishers)  // before the body: a forbidden caller learns nothing of its rules
        let input = try await request.decodeJSON(as: Publication.self, context: context)
        var errors: [String: String] = [:]
        for language in Language.allCases {
            AppealTextLimits.publicTitle.check(input.title[language], field: "title.\(language.rawValue)", into: &errors)
            AppealTextLimits.publicSummary.check(input.summary[language], field: "summary.\(language.rawValue)", into: &errors)
        }
        if let locality = input.publicLocality, locality.count > PublicationRepository.maximumLocalityLength {
            errors["publicLocality"] = "must be at most \(PublicationRepository.maximumLocalityLength) characters"
        }
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
        return try await cases.change(request, context, roles: Self.publishers) { appeal, principal, now in
            guard appeal.status.isVerifiedOrLater else {
                throw ServiceError.notVerified
            }
            guard appeal.consentToPublication else {
                throw ServiceError.noConsent
            }
            if let sensitive = input.isSensitive { appeal.isSensitive = sensitive }
            return [AppealController.Event(action: "publication", note: "published a redacted copy", record: {
                [id = appeal.id, region = appeal.regionCode, category = appeal.categoryCode, facts = cases.facts] session in
                let publicID = try await publications.publish(appealID: id, title: input.title, summary: input.summary,
                                                              locality: input.publicLocality?.nilIfBlank, by: principal.subject, at: now, on: session)
                let published = AppealFacts.Published(
                    ref: AppealFacts.reference(to: id), publicId: publicID, title: input.title, regionCode: region, categoryCode: category,
                    publishedOn: PublicationRepository.day(of: now)
                )
                try await facts.record(.published, about: id, payload: published, at: now, on: session)
            })]
        }
    }

    @Sendable func unpublish(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        try await cases.change(request, context, roles: Self.publishers) { appeal, _, _ in
            [AppealController.Event(action: "unpublication", note: "withdrew the public copy", record: { [id = appeal.id] session in
                guard try await publications.unpublish(appealID: id, on: session) else {
                    throw ServiceError.notPublished
                }
            })]
        }
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let page = try request.pageRequest()
        let key = "\(page.limit) \(page.cursor.map { "\($0.key) \($0.id)" } ?? "")"
        return try await cases.publishedPages.response(for: key) { try await publications.list(page: page) }
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
