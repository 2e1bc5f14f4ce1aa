import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// What the public sees of an appeal: only what a verifier wrote for it, under an ID and a date that
/// cannot be matched to the appeal.
@Suite struct AppealPublicCopyTests {
    /// Every public response about published appeals.
    static func everythingPublic(_ h: AppealsHarness, publicID: String) async throws -> [TestResponse] {
        [
            try await h.send(.get, "/api/v1/appeals/published"),
            try await h.send(.get, "/api/v1/appeals/published/\(publicID)"),
            try await h.send(.get, "/open311/v2/requests.json"),
            try await h.send(.get, "/open311/v2/requests/\(publicID).json"),
        ]
    }

    /// Submits an appeal typed with `locality`, verifies it and publishes it; returns its ID and its public copy's.
    static func published(_ h: AppealsHarness, locality: String, extra: [String: Any] = [:]) async throws -> (id: String, publicID: String) {
        var submission = AppealsHarness.submission()
        submission["locality"] = locality
        let id = try await h.submit(submission).id.lowercased()
        try await h.transition(id, to: "in_verification")
        try await h.transition(id, to: "verified")
        let publication = try await h.change(
            .post, id, "/publication",
            json: ["title": ["en": "A school refused a girl"], "summary": ["en": "Referred."]].merging(extra) { $1 })
        #expect(publication.status == .ok)
        let item = try #require(try await h.send(.get, "/api/v1/appeals/published").decoded(as: PublishedList.self).items.first)
        return (id, item.id)
    }

    /// Staff read the copy the public reads with the appeal (the staff pages show it and offer it for editing),
    /// until it is withdrawn.
    @Test(arguments: TestDatabases.kinds)
    func staffSeeThePublishedCopyWithTheAppealUntilItIsWithdrawn(kind: DatabaseKind) async throws {
        struct WithCopy: Decodable {
            let publicTitle: [String: String]?
            let publicSummary: [String: String]?
        }
        struct Listed: Decodable { let items: [WithCopy] }
        try await AppealsHarness.with(kind) { h in
            let (id, _) = try await Self.published(h, locality: "At-Bashy")
            let appeal = try await h.send(.get, "/api/v1/appeals/\(id)", as: AppealsHarness.admin).decoded(as: WithCopy.self)
            #expect(appeal.publicTitle == ["en": "A school refused a girl"] && appeal.publicSummary == ["en": "Referred."])
            let listed = try await h.send(.get, "/api/v1/appeals", as: AppealsHarness.admin).decoded(as: Listed.self)
            #expect(listed.items.first?.publicTitle?["en"] == "A school refused a girl")

            #expect(try await h.change(.delete, id, "/publication").status == .ok)
            let withdrawn = try await h.send(.get, "/api/v1/appeals/\(id)", as: AppealsHarness.admin).decoded(as: WithCopy.self)
            #expect(withdrawn.publicTitle == nil && withdrawn.publicSummary == nil)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theLocalityAnAppellantTypedIsNeverPublished(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let canary = "Lenin street 12, flat \(Int.random(in: 100...999))"
            let (id, publicID) = try await Self.published(h, locality: canary)
            // Staff still see what was typed.
            #expect(try await h.send(.get, "/api/v1/appeals/\(id)", as: AppealsHarness.admin).decoded(as: AppealView.self).locality == canary)
            for response in try await Self.everythingPublic(h, publicID: publicID) {
                #expect(response.status == .ok)
                #expect(!response.text.contains(canary), "\(response.text)")
                #expect(!response.text.contains("Lenin"), "\(response.text)")
            }
            let request = try await h.send(.get, "/open311/v2/requests/\(publicID).json").decoded(as: [Open311Request].self)
            #expect(request.first?.address == "Naryn Region")

            // A locality the verifier writes for the public is shown; republishing keeps the public ID.
            let republished = try await h.change(
                .post, id, "/publication",
                json: [
                    "title": ["en": "A school refused a girl"], "summary": ["en": "Referred."], "publicLocality": "At-Bashy district",
                ])
            #expect(republished.status == .ok)
            let responses = try await Self.everythingPublic(h, publicID: publicID)
            for response in responses {
                #expect(response.text.contains("At-Bashy district"), "\(response.text)")
                #expect(!response.text.contains(canary))
            }
            #expect(try responses[1].decoded(as: PublishedAppeal.self).locality == "At-Bashy district")
            let tooLong = try await h.change(
                .post, id, "/publication",
                json: [
                    "title": ["en": "t"], "summary": ["en": "s"], "publicLocality": String(repeating: "a", count: 201),
                ])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.problem?.errors?["publicLocality"] != nil)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func publicCopiesHaveTheirOwnRandomIDAndOnlyTheDayOfPublication(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let (id, publicID) = try await Self.published(h, locality: "At-Bashy")
            #expect(publicID != id)
            // A version-4 UUID: random bits only, where a version 7 carries the receipt time.
            let publicUUID = try #require(UUID(uuidString: publicID))
            #expect(publicUUID.uuid.6 >> 4 == 4)
            #expect(try await h.send(.get, "/api/v1/appeals/published/\(id)").status == .notFound)
            #expect(try await h.send(.get, "/open311/v2/requests/\(id).json").status == .notFound)

            let detail = try await h.send(.get, "/api/v1/appeals/published/\(publicID)").decoded(as: PublishedAppeal.self)
            let day = try #require(detail.publishedOn)
            #expect(day.range(of: #"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"#, options: .regularExpression) != nil)
            #expect(detail.receivedAt == nil, "receivedAt is public")
            #expect(detail.publishedAt == nil, "publishedAt is public")
            // Open311 needs timestamps: both are the start of that day in Bishkek (18:00 UTC the day before).
            let request = try #require(try await h.send(.get, "/open311/v2/requests.json").decoded(as: [Open311Request].self).first)
            #expect(request.service_request_id.lowercased() == publicID.lowercased())
            for (key, value) in [("requested_datetime", request.requested_datetime), ("updated_datetime", request.updated_datetime)] {
                #expect(value?.hasSuffix("T18:00:00Z") == true, "\(key): \(value ?? "")")
            }
            #expect(!(try await h.send(.get, "/api/v1/appeals/published")).text.lowercased().contains(id))
        }
    }
}
