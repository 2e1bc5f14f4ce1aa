import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import TestSupport
import Testing

@Suite struct ThesaurusTests {
    @Test func theSeededListsAreThereInThreeLanguages() async throws {
        try await AppealsHarness.with { h in
            let categories = try await h.send(.get, "/api/v1/appeals/categories").decoded(as: ThesaurusList.self).items
            let codes = Set(categories.map(\.code))
            #expect(codes.count == 19)
            #expect(codes.isSuperset(of: ["freedom_of_expression", "torture", "education", "public_service_corruption", "other"]))
            #expect(categories.allSatisfy { $0.name.keys.sorted() == ["en", "ky", "ru"] })
            let groups = try await h.send(.get, "/api/v1/appeals/vulnerable-groups").decoded(as: ThesaurusList.self).items
            #expect(!groups.isEmpty)
        }
    }

    @Test func anAddedCategoryIsOfferedAndUsableAndARetiredOneIsNeither() async throws {
        try await AppealsHarness.with { h in
            let coordinator = TestIdentity.principal([.coordinator])
            #expect(!(try await h.send(.get, "/api/v1/appeals/categories").text.contains("language_rights")))
            let name = ["ky": "Тил укуктары", "ru": "Языковые права", "en": "Language rights"]
            let added = try await h.send(.post, "/api/v1/appeals/categories", as: coordinator, json: ["code": "language_rights", "name": name])
            #expect(added.status == .created)
            #expect(
                try await h.send(.post, "/api/v1/appeals/categories", as: coordinator, json: ["code": "language_rights", "name": name]).status == .conflict)
            var submission = AppealsHarness.submission()
            submission["categoryCode"] = "language_rights"
            #expect(try await h.send(.post, "/api/v1/appeals", json: submission).status == .created)
            #expect(try await h.send(.get, "/api/v1/appeals/categories").text.contains("language_rights"))

            #expect(try await h.send(.post, "/api/v1/appeals/categories/language_rights/retire", as: coordinator).status == .noContent)
            #expect(!(try await h.send(.get, "/api/v1/appeals/categories").text.contains("language_rights")))
            #expect(try await h.send(.get, "/api/v1/appeals/categories?includeRetired=true").text.contains("language_rights"))
            let refused = try await h.send(.post, "/api/v1/appeals", json: submission)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.problem?.errors?["categoryCode"] != nil)
        }
    }
}
