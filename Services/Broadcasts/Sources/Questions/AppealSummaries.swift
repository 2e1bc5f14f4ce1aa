import Foundation
import Models
import NIOHTTP1
import Persistence
import ServiceKit

/// Reads an appeal's public summary from appeals (`GET /internal/appeals/{id}/public-summary`), the only
/// part of an appeal broadcasts may quote: the appellant's own words and data never leave appeals.
struct AppealSummaries: Sendable {
    let client: ServiceClient

    /// What appeals lets another service quote.
    struct Summary: Decodable, Sendable {
        let ref: Reference
        let summary: LocalizedText
        let regionCode: Region?
        let categoryCode: String?
    }

    /// The summary of `appealID`; `nil` when the appeal has no public copy (or does not exist). Throws
    /// ``ServiceError/appealsUnavailable`` when appeals cannot answer.
    func summary(of appealID: UUID) async throws -> Summary? {
        let service = ServiceCatalog.appeals.name
        let response: ServiceResponse
        do {
            response = try await client.send(.GET, to: service, path: "/internal/appeals/\(appealID.text)/public-summary")
        } catch {
            throw ServiceError.appealsUnavailable
        }
        switch response.status.code {
        case 200: break
        case 404: return nil
        default: throw ServiceError.appealsUnavailable
        }
        do {
            return try response.decode(as: Summary.self)
        } catch {
            throw ServiceError.appealsUnavailable
        }
    }
}
