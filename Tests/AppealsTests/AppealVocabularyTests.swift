import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Appeals' demographics are the platform's disaggregation codes (Models), so indicators add up across services.
@Suite struct AppealVocabularyTests {
    @Test(arguments: TestDatabases.kinds)
    func submissionsTakeThePlatformsCodes(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let seeded = try await h.send(.get, "/api/v1/appeals/vulnerable-groups").decoded(as: ThesaurusList.self).items
            #expect(Set(seeded.map(\.code)) == Set(VulnerableGroup.allCases.map(\.rawValue)))

            let wrong = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(submitter: ["gender": "f", "ageGroup": "18-29"]))
            let errors = wrong.problem?.errors
            #expect(errors?["submitter.gender"] == "must be one of female, male, other, undisclosed")
            #expect(errors?["submitter.ageGroup"] == "must be one of under_18, 18_29, 30_44, 45_59, 60_plus")

            let right = try await h.send(
                .post, "/api/v1/appeals",
                json: AppealsHarness.submission(
                    submitter: ["gender": "undisclosed", "ageGroup": "60_plus", "vulnerableGroups": ["older_persons"]]
                ))
            #expect(right.status == .created)
        }
    }
}
