import Appeals
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

/// `GET /internal/appeals/{id}/public-summary`: broadcasts may quote an appeal's public copy, and nothing
/// else of it; an appeal without one is a 404.
@Suite struct AppealPublicSummaryTests {
    struct Summary: Decodable {
        let ref: Reference
        let title: [String: String]
        let summary: [String: String]
        let regionCode: String
        let categoryCode: String
        let isPublished: Bool
    }

    static func path(_ id: String) -> String { "/internal/appeals/\(id)/public-summary" }

    @Test(arguments: TestDatabases.kinds)
    func broadcastsReadsThePublicCopyOnly(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let receipt = try await AppealOnAirAnswerTests.verifiedAppeal(h)
            let broadcasts = AppealOnAirAnswerTests.broadcasts
            // Not published yet: nothing to quote.
            #expect(try await h.send(.get, Self.path(receipt.id), as: broadcasts).status == .notFound)
            #expect(
                try await h.change(
                    .post, receipt.id, "/publication", json: ["title": ["en": "School refusal"], "summary": ["en": "Refused a pupil."]]
                ).status == .ok)

            let answer = try await h.send(.get, Self.path(receipt.id), as: broadcasts)
            #expect(answer.status == .ok)
            let summary = try answer.decoded(as: Summary.self)
            #expect(summary.ref == Reference(service: "appeals", type: "appeal", id: try #require(UUID(uuidString: receipt.id))))
            #expect(summary.title == ["en": "School refusal"])
            #expect(summary.summary == ["en": "Refused a pupil."])
            #expect(summary.regionCode == "KG-N" && summary.categoryCode == "education" && summary.isPublished)
            // The appellant's own words and place stay in appeals.
            #expect(!answer.text.contains("refuses to enrol") && !answer.text.contains("At-Bashy"))

            #expect(try await h.send(.get, Self.path(UUID().uuidString), as: broadcasts).status == .notFound)
            #expect(try await h.send(.get, Self.path(receipt.id), as: .service("events-and-hearings")).status == .forbidden)
            #expect(try await h.send(.get, Self.path(receipt.id), as: AppealsHarness.admin).status == .forbidden)
            #expect(try await h.send(.get, Self.path(receipt.id)).status == .forbidden)

            #expect(try await h.change(.delete, receipt.id, "/publication").status == .ok)
            #expect(try await h.send(.get, Self.path(receipt.id), as: broadcasts).status == .notFound)
        }
    }
}
