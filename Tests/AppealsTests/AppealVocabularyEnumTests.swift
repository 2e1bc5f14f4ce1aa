import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Appeals

/// Closed vocabularies are enums: what the history and the case file say on the wire is one of their
/// codes, and each error code of appeals has one meaning.
@Suite struct AppealVocabularyEnumTests {
    @Test(arguments: TestDatabases.kinds)
    func theCaseFileSpeaksOnlyTheVocabulariesCodes(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let id = try await h.submit().id
            try await h.transition(id, to: "in_verification", extra: ["publicNote": "Checking."])
            try await h.change(.post, id, "/verification", json: ["sourcesChecked": ["the school"], "evidenceNotes": "", "outcome": "partly_confirmed"])
            try await h.transition(id, to: "verified")
            try await h.change(.put, id, "/assignment", json: ["verifier": "v-1"])
            try await h.change(.post, id, "/referrals", json: ["bodyName": "District office"])
            try await h.change(.post, id, "/extension", json: ["days": 3, "reason": "Awaiting the district."])
            try await h.change(.patch, id, "", json: ["staffSummary": "School enrolment"])
            try await h.change(.post, id, "/publication", json: ["title": ["en": "Enrolment refused"], "summary": ["en": "A school refused."]])
            try await h.change(.delete, id, "/publication")
            try await h.change(.post, id, "/responses", json: ["text": "The school must admit her.", "channel": "written"])

            let caseFile = try await h.caseFile(id)
            let actions = (caseFile.entries ?? []).map(\.action)
            #expect(actions.allSatisfy { HistoryAction(rawValue: $0) != nil })
            #expect(Set(actions) == Set(HistoryAction.allCases.map(\.rawValue)).subtracting(["referral_reply"]))
            let outcomes = (caseFile.verifications ?? []).map(\.outcome)
            #expect(outcomes == [VerificationOutcome.partlyConfirmed.rawValue])
        }
    }

    @Test func eachErrorCodeOfAppealsHasOneMeaning() {
        let errors: [ServiceError] = [
            .unknownTrackingCode, .tooManyTrackingAttempts(retryAfterSeconds: 1), .apiKeyRequired,
            .illegalTransition(from: .received, allowed: []), .reopeningNeedsCoordinator, .legalExpertsOnlyAnswer,
            .notInVerification, .notReferable, .replyNotRecordable, .notAnswerable, .alreadyExtended, .notOpen,
            .notVerified, .noConsent, .notPublished, .codeTaken,
            // The kit's own, which appeals' share their codes with.
            .forbidden, .staleVersion,
        ]
        // One status per code: the two forbidden moves are the kit's `forbidden`, said more precisely.
        let statuses = Dictionary(grouping: errors, by: \.code).mapValues { Set($0.map(\.status.code)) }
        #expect(statuses.values.allSatisfy { $0.count == 1 })
        #expect(statuses.count == errors.count - 2)
    }
}
