import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Appeals

/// Bodies validate themselves with ServiceKit's `FieldErrors`: one answer names every field to fix.
@Suite struct AppealFieldErrorTests {
    @Test(arguments: TestDatabases.kinds)
    func aChangeNamesEveryInvalidFieldInOneAnswer(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let id = try await h.submit().id
            let tooLong = String(repeating: "x", count: AppealTextLimits.note.maxBytes + 1)

            let annotation = try await h.change(.patch, id, "", json: ["staffSummary": tooLong, "categoryCode": "no_such_category"])
            #expect(annotation.status == .unprocessableContent)
            #expect(Set((annotation.problem?.errors ?? [:]).keys) == ["staffSummary", "categoryCode"])

            let subject = String(repeating: "s", count: AppealTextLimits.subject.maxBytes + 1)
            let assignment = try await h.change(.put, id, "/assignment", json: ["verifier": subject, "legalExpert": subject])
            #expect(assignment.problem?.errors == ["verifier": "must be a user ID", "legalExpert": "must be a user ID"])

            let body = String(repeating: "b", count: AppealTextLimits.bodyName.maxBytes + 1)
            let referral = try await h.change(.post, id, "/referrals", json: ["organizationId": UUID().uuidString, "bodyName": body])
            #expect(Set((referral.problem?.errors ?? [:]).keys) == ["organizationId", "bodyName"])

            // Nothing was changed by any of them.
            #expect(try await h.send(.get, "/api/v1/appeals/\(id)", as: AppealsHarness.admin).decoded(as: AppealView.self).version == 1)
        }
    }

    @Test func aFactCheckNamesItsOutcomeAmongItsOtherProblems() async throws {
        try await AppealsHarness.with { h in
            let id = try await h.submit().id
            let check = try await h.change(.post, id, "/verification", json: ["sourcesChecked": [], "evidenceNotes": "", "outcome": "maybe"])
            #expect(
                check.problem?.errors == [
                    "sourcesChecked":
                        "must list 1 to \(NewVerification.maxSources) sources, each not blank and at most \(AppealTextLimits.source.maxBytes) bytes in UTF-8",
                    "outcome": "must be one of \(VerificationOutcome.acceptedCodes)",
                ])
        }
    }
}
