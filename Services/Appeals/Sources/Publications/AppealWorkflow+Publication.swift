import Foundation
import Hummingbird
import Models
import ServiceKit

/// Publishing a redacted public copy of an appeal, and withdrawing it.
extension AppealWorkflow {
    /// Publishes (or replaces) the public copy of a verified appeal whose appellant consented, and tells the
    /// services that receive `appeals.appeal.published`.
    func publish(_ caller: Authorized, ifMatch request: Request, _ input: NewPublication) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, principal, now in
            guard appeal.status.isVerifiedOrLater else { throw ServiceError.notVerified }
            guard appeal.consentToPublication else { throw ServiceError.noConsent }
            if let sensitive = input.isSensitive { appeal.isSensitive = sensitive }
            return [
                Event(
                    action: .publication, note: "published a redacted copy",
                    record: {
                        [publications, facts, id = appeal.id, region = appeal.regionCode, category = appeal.categoryCode] session in
                        let publicID = try await publications.publish(
                            appealID: id, title: input.title, summary: input.summary,
                            locality: input.publicLocality?.nilIfBlank, by: principal.subject, at: now, on: session)
                        let published = AppealFacts.Published(
                            ref: AppealFacts.reference(to: id), publicId: publicID, title: input.title, regionCode: region, categoryCode: category,
                            publishedOn: PublicationRepository.day(of: now)
                        )
                        try await facts.record(.published, about: id, payload: published, at: now, on: session)
                    })
            ]
        }
    }

    /// Withdraws the public copy.
    func unpublish(_ caller: Authorized, ifMatch request: Request) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, _, _ in
            [
                Event(
                    action: .unpublication, note: "withdrew the public copy",
                    record: { [publications, id = appeal.id] session in
                        guard try await publications.unpublish(appealID: id, on: session) else { throw ServiceError.notPublished }
                    })
            ]
        }
    }
}
