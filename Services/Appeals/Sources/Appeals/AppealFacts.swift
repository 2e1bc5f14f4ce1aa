import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The facts appeals tells other services (DESIGN.md §8), written to the outbox in the transaction of the
/// change they report, one message per service that receives the type. They carry references and public
/// texts only: an appellant's identity, description and demographics never leave appeals.
struct AppealFacts: Sendable {
    /// The message types appeals sends.
    enum Kind: String, CaseIterable, Sendable {
        /// A redacted public copy was published (or republished with new texts).
        case published = "appeals.appeal.published"
        /// The appeal became answered (in writing, at a hearing or on air).
        case answered = "appeals.appeal.answered"
    }

    /// `appeals.appeal.published`: what a receiver may show of the appeal, as the public sees it.
    struct Published: Codable, Sendable, Equatable {
        let ref: Reference
        /// The public copy's own ID (`GET /api/v1/appeals/published/{publicId}`).
        let publicId: UUID
        let title: LocalizedText
        let regionCode: Region
        let categoryCode: String
        /// The day of publication (`YYYY-MM-DD`, Bishkek), no finer.
        let publishedOn: String
    }

    /// `appeals.appeal.answered`: that the appeal has an answer now.
    struct Answered: Codable, Sendable, Equatable {
        let ref: Reference
        /// The day of the answer (`YYYY-MM-DD`, Bishkek), no finer.
        let answeredOn: String
    }

    let outbox: Outbox
    /// The services that receive a type; the catalog's by default, a test's receiver in tests.
    let receivers: @Sendable (Kind) -> [String]

    /// Writes a fact of `kind` about `appealID` for each of its receivers, on `session`.
    func record(_ kind: Kind, about appealID: UUID, payload: some Encodable, at now: Date, on session: any SQLDatabase) async throws {
        let messages = try receivers(kind).map { receiver in
            try OutboxMessage(type: kind.rawValue, aggregate: "appeal:\(appealID.text)", receiver: receiver, payload: payload, occurredAt: now)
        }
        try await outbox.enqueue(messages, on: session)
    }

    /// Sends what the committed transaction wrote without waiting for the next poll.
    func deliverSoon() {
        outbox.deliverSoon()
    }

    static func reference(to appealID: UUID) -> Reference {
        Reference(service: ServiceCatalog.appeals.name, type: "appeal", id: appealID)
    }
}
