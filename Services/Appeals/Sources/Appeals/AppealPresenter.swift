import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// One appeal in the wire type the caller's ``AppealAccess/View`` allows.
enum AppealRepresentation: Encodable, Sendable {
    case full(AppealDocument)
    case council(CouncilAppealDocument)

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .full(let document): try document.encode(to: encoder)
        case .council(let document): try document.encode(to: encoder)
        }
    }
}

/// Turns appeals into what each caller may see of them, for every controller that answers with an appeal.
struct AppealPresenter: Sendable {
    let publications: PublicationRepository
    /// The time now, which decides what is overdue.
    let now: @Sendable () -> Date

    /// Each appeal in the wire type its view allows; the public texts are read in one query (councils never get a
    /// sensitive appeal's, which would tie the public copy to it).
    func represent(_ appeals: [(Appeal, AppealAccess.View)]) async throws -> [AppealRepresentation] {
        let withTexts = appeals.filter { $0.1 == .full || !$0.0.isSensitive }.map(\.0.id)
        let texts = try await publications.texts(for: withTexts)
        let now = now()
        return appeals.map { appeal, view in
            switch view {
            case .full: .full(AppealDocument(appeal, publicTexts: texts[appeal.id], now: now))
            case .council: .council(CouncilAppealDocument(appeal, publicTexts: texts[appeal.id], now: now))
            }
        }
    }

    /// One appeal with its ETag.
    func response(_ appeal: Appeal, view: AppealAccess.View) async throws -> Response {
        try .json(try await represent([(appeal, view)])[0], eTag: appeal.eTag)
    }

    /// The appeal a change left, with its ETag and `no-store`: set here as well as by the routes'
    /// middleware, since every controller that changes appeals answers through this.
    func response(_ changed: AppealWorkflow.Changed) async throws -> Response {
        var response = try await response(changed.appeal, view: changed.view)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}

extension ServiceRequestContext {
    /// The `{id}` of an appeal's path, or `nil` when it is not a UUID (answered as 404).
    var appealID: UUID? { parameters.get("id", as: UUID.self) }
}
