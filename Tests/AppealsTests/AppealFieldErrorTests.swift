@testable import Appeals
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import Testing
import TestSupport

/// Bodies validate themselves with ServiceKit's `FieldErrors`: one answer names every field to fix.
@Suite struct AppealFieldErrorTests {
    @Test(arguments: TestDatabases.kinds)
    func aChangeNamesEveryInvalidFieldInOneAnswer(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let admin = try await h.token()
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)
            let tooLong = String(repeating: "x", count: AppealTextLimits.note.maxBytes + 1)

            let annotation = try await h.change(.patch, id, "", token: admin, json: ["staffSummary": tooLong, "categoryCode": "no_such_category"])
            #expect(annotation.status == .unprocessableContent)
            #expect(Set((annotation.json?["errors"] as? [String: String] ?? [:]).keys) == ["staffSummary", "categoryCode"])

            let subject = String(repeating: "s", count: AppealTextLimits.subject.maxBytes + 1)
            let assignment = try await h.change(.put, id, "/assignment", token: admin, json: ["verifier": subject, "legalExpert": subject])
            #expect(assignment.json?["errors"] as? [String: String] == ["verifier": "must be a user ID", "legalExpert": "must be a user ID"])

            let body = String(repeating: "b", count: AppealTextLimits.bodyName.maxBytes + 1)
            let referral = try await h.change(.post, id, "/referrals", token: admin, json: ["organizationId": UUID().uuidString, "bodyName": body])
            #expect(Set((referral.json?["errors"] as? [String: String] ?? [:]).keys) == ["organizationId", "bodyName"])

            // Nothing was changed by any of them.
            #expect(try await h.send(.get, "/api/v1/appeals/\(id)", token: admin).json?["version"] as? Int == 1)
        }
    }

    @Test func aFactCheckNamesItsOutcomeAmongItsOtherProblems() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)
            let check = try await h.change(.post, id, "/verification", token: admin, json: ["sourcesChecked": [], "evidenceNotes": "", "outcome": "maybe"])
            #expect(check.json?["errors"] as? [String: String] == [
                "sourcesChecked": "must list 1 to \(NewVerification.maxSources) sources, each not blank and at most \(AppealTextLimits.source.maxBytes) bytes in UTF-8",
                "outcome": "must be one of \(VerificationOutcome.acceptedCodes)",
            ])
        }
    }
}
