import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// The public list narrowed by region and category, the filters the site's list of published appeals offers.
@Suite struct PublishedListFilterTests {
    /// Submits an appeal in `region` about `category`, verifies it and publishes it under `title`.
    static func publish(_ h: AppealsHarness, region: String, category: String, title: String) async throws {
        var submission = AppealsHarness.submission()
        submission["regionCode"] = region
        submission["categoryCode"] = category
        let id = try await h.submit(submission).id.lowercased()
        try await h.transition(id, to: "in_verification")
        try await h.transition(id, to: "verified")
        let publication = try await h.change(.post, id, "/publication", json: ["title": ["en": title], "summary": ["en": "Referred."]])
        #expect(publication.status == .ok)
    }

    static func titles(_ h: AppealsHarness, _ query: String) async throws -> Set<String> {
        let list = try await h.send(.get, "/api/v1/appeals/published\(query)")
        #expect(list.status == .ok, "\(query): \(list.text)")
        return Set(try list.decoded(as: PublishedList.self).items.compactMap { $0.title?["en"] })
    }

    @Test(arguments: TestDatabases.kinds)
    func thePublicListIsNarrowedByRegionAndCategory(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            try await Self.publish(h, region: "KG-N", category: "education", title: "Naryn school")
            try await Self.publish(h, region: "KG-N", category: "health", title: "Naryn clinic")
            try await Self.publish(h, region: "KG-T", category: "education", title: "Talas school")

            #expect(try await Self.titles(h, "") == ["Naryn school", "Naryn clinic", "Talas school"])
            #expect(try await Self.titles(h, "?regionCode=KG-N") == ["Naryn school", "Naryn clinic"])
            #expect(try await Self.titles(h, "?categoryCode=education") == ["Naryn school", "Talas school"])
            #expect(try await Self.titles(h, "?regionCode=KG-N&categoryCode=education") == ["Naryn school"])
            #expect(try await Self.titles(h, "?categoryCode=torture").isEmpty)

            // A filtered list pages on by its cursor, still filtered.
            let first = try await h.send(.get, "/api/v1/appeals/published?regionCode=KG-N&limit=1").decoded(as: FilteredPage.self)
            let cursor = try #require(first.nextCursor)
            let second = try await h.send(.get, "/api/v1/appeals/published?regionCode=KG-N&limit=1&cursor=\(cursor)").decoded(as: FilteredPage.self)
            #expect(Set((first.items + second.items).compactMap { $0.title?["en"] }) == ["Naryn school", "Naryn clinic"])
            #expect(second.nextCursor == nil)

            let badRegion = try await h.send(.get, "/api/v1/appeals/published?regionCode=KG-X")
            #expect(badRegion.status == .badRequest && badRegion.problem?.code == "invalid_query")
            let badCategory = try await h.send(.get, "/api/v1/appeals/published?categoryCode=Not%20a%20code")
            #expect(badCategory.status == .badRequest && badCategory.problem?.code == "invalid_query")
        }
    }

    struct FilteredPage: Decodable {
        let items: [PublishedAppeal]
        let nextCursor: String?
    }
}
