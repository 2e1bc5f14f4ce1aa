import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import Persistence
import SQLKit
import TestSupport
import Testing

@Suite struct AppealLifecycleTests {
    /// End to end: a citizen through the gateway, staff signed in at the gateway, the case worked in appeals.
    @Test(arguments: TestDatabases.kinds)
    func anAppealLivesFromAnonymousSubmissionToPublicationClosureAndReopening(kind: DatabaseKind) async throws {
        try await AppealsThroughGateway.with(kind) { h in
            // A citizen submits anonymously and tracks the appeal.
            let receipt = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission())
            #expect(receipt.status == .created)
            let created = try receipt.decoded(as: Receipt.self)
            let id = created.id.lowercased()
            let code = try #require(created.trackingCode)
            #expect(code.range(of: "^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", options: .regularExpression) != nil)
            let tracked = try await h.send(.get, "/api/v1/appeals/track/\(code.lowercased())").decoded(as: TrackedAppeal.self)
            #expect(tracked.status == "received")
            #expect(tracked.description == nil)

            // Staff triage, verify, assign, refer, and a legal expert answers.
            let admin = try await h.token()
            let lawyer = try await h.user(["legal_expert"], admin: admin)
            #expect(try await h.transition(id, to: "in_verification", token: admin).status == .ok)
            let verification = try await h.change(
                .post, id, "/verification", token: admin,
                json: ["sourcesChecked": ["school director", "district education office"], "evidenceNotes": "Refusal letter seen.", "outcome": "confirmed"])
            #expect(verification.status == .ok)
            #expect(try await h.transition(id, to: "verified", token: admin).status == .ok)
            #expect(try await h.change(.put, id, "/assignment", token: admin, json: ["verifier": "v-1", "legalExpert": lawyer.id]).status == .ok)
            let referral = try await h.change(
                .post, id, "/referrals", token: admin, json: ["bodyName": "District education office", "dueAt": "2026-12-31T00:00:00Z"])
            #expect(try referral.decoded(as: AppealView.self).status == "referred")
            let files = try await h.send(.get, "/api/v1/appeals/\(id)/history", token: admin).decoded(as: CaseFile.self)
            let referralID = try #require(files.referrals?.first?.id)
            #expect(try await h.change(.post, id, "/referrals/\(referralID)/reply", token: admin, json: ["reply": "She will be enrolled."]).status == .ok)
            let answer = try await h.change(
                .post, id, "/responses", token: lawyer.token,
                json: ["text": "The law guarantees enrolment; the school must admit her.", "channel": "written", "isPublic": true])
            #expect(answer.status == .ok)
            #expect(try answer.decoded(as: AppealView.self).status == "answered")

            // A verifier publishes a redacted copy; the public reads only that.
            let published = try await h.change(
                .post, id, "/publication", token: admin,
                json: ["title": ["en": "School refused a girl's enrolment"], "summary": ["en": "Resolved after referral."], "isSensitive": true])
            #expect(published.status == .ok)
            let list = try await h.send(.get, "/api/v1/appeals/published")
            let item = try #require(try list.decoded(as: PublishedList.self).items.first)
            #expect(item.title?["en"] == "School refused a girl's enrolment")
            #expect(item.locality == nil)
            #expect(!list.text.contains("daughter"))
            #expect(item.id != id)
            #expect(try await h.send(.get, "/api/v1/appeals/published/\(id)").status == .notFound)
            let detail = try await h.send(.get, "/api/v1/appeals/published/\(item.id)").decoded(as: PublishedAppeal.self)
            #expect(detail.responses?.count == 1)

            // Closed, then reopened by a coordinator; the appellant sees the answer when tracking.
            #expect(try await h.transition(id, to: "closed", token: admin).status == .ok)
            let reopened = try await h.transition(id, to: "in_verification", token: admin, extra: ["note": "New facts arrived."])
            #expect(try reopened.decoded(as: AppealView.self).status == "in_verification")
            let trackedAgain = try await h.send(.get, "/api/v1/appeals/track/\(code)").decoded(as: TrackedAppeal.self)
            #expect(trackedAgain.responses?.count == 1)

            let history = try await h.send(.get, "/api/v1/appeals/\(id)/history", token: admin).decoded(as: CaseFile.self)
            #expect(
                history.entries?.map(\.action) == [
                    "submitted", "transition", "verification", "transition", "assignment", "transition", "referral",
                    "referral_reply", "transition", "response", "publication", "transition", "transition",
                ])
        }
    }

    @Test func thePublicListShowsEveryChangeAtOnceAndAWithdrawnCopyNeverLingers() async throws {
        try await AppealsHarness.with { h in
            let id = try await h.submit().id
            try await h.transition(id, to: "in_verification")
            try await h.transition(id, to: "verified")
            func listed() async throws -> [PublishedAppeal] {
                try await h.send(.get, "/api/v1/appeals/published").decoded(as: PublishedList.self).items
            }
            #expect(try await listed().isEmpty)
            try await h.change(.post, id, "/publication", json: ["title": ["en": "A school"], "summary": ["en": "Refused"]])
            #expect(try await listed().first?.status == "verified")
            #expect(try await listed().count == 1, "read twice: the second from the cache")
            try await h.transition(id, to: "rejected", extra: ["reason": "out_of_scope"])
            #expect(try await listed().first?.status == "rejected")
            try await h.change(.delete, id, "/publication")
            #expect(try await listed().isEmpty)
            #expect(try await h.send(.get, "/api/v1/appeals/published?limit=1").decoded(as: PublishedList.self).items.isEmpty)
        }
    }

    @Test func illegalTransitionsAreRefusedNamingTheAllowedOnes() async throws {
        try await AppealsHarness.with { h in
            let id = try await h.submit().id
            for target in ["verified", "referred", "answered", "closed"] {
                let response = try await h.transition(id, to: target)
                #expect(response.status == .conflict, "received → \(target)")
                #expect(response.problemCode == "illegal_transition")
                #expect(response.problem?.detail?.contains("in_verification, rejected") == true)
            }
            let rejectWithoutReason = try await h.transition(id, to: "rejected")
            #expect(rejectWithoutReason.status == .unprocessableContent)
            #expect(try await h.transition(id, to: "rejected", extra: ["reason": "withdrawn"]).status == .ok)
            for target in ["received", "in_verification", "closed"] {
                #expect(try await h.transition(id, to: target).problemCode == "illegal_transition")
            }
        }
    }

    @Test func aStaleIfMatchIs412AndAMissingOneIs428() async throws {
        try await AppealsHarness.with { h in
            let admin = AppealsHarness.admin
            let id = try await h.submit().id
            let first = try await h.send(.get, "/api/v1/appeals/\(id)", as: admin)
            let eTag = try #require(first.headers[.eTag])
            #expect(
                try await h.send(
                    .post, "/api/v1/appeals/\(id)/transitions", as: admin, json: ["to": "in_verification"],
                    headers: [.ifMatch: eTag]
                ).status == .ok)
            let stale = try await h.send(
                .post, "/api/v1/appeals/\(id)/transitions", as: admin, json: ["to": "rejected", "reason": "unfounded"],
                headers: [.ifMatch: eTag])
            #expect(stale.status == .preconditionFailed)
            #expect(try await h.send(.post, "/api/v1/appeals/\(id)/transitions", as: admin, json: ["to": "verified"]).status == .preconditionRequired)
        }
    }

    @Test func aReplayedIdempotencyKeyCreatesNothingNew() async throws {
        try await AppealsHarness.with { h in
            let headers: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "retry-1"]
            let first = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(), headers: headers)
            let retry = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(), headers: headers)
            #expect(first.status == .created)
            #expect(retry.status == .created)
            // The same receipt, less the tracking code, which is shown only once (never stored in clear).
            #expect(try retry.decoded(as: Receipt.self).id == first.decoded(as: Receipt.self).id)
            #expect(try retry.decoded(as: Receipt.self).trackingCode == nil)
            let list = try await h.send(.get, "/api/v1/appeals", as: AppealsHarness.admin).decoded(as: AppealList.self)
            #expect(list.items.count == 1)
        }
    }

    @Test func publicationNeedsVerificationAndConsent() async throws {
        try await AppealsHarness.with { h in
            let publication: [String: Any] = ["title": ["en": "T"], "summary": ["en": "S"]]
            let id = try await h.submit(AppealsHarness.submission(publication: false)).id
            #expect(try await h.change(.post, id, "/publication", json: publication).problemCode == "not_verified")
            try await h.transition(id, to: "in_verification")
            try await h.transition(id, to: "verified")
            #expect(try await h.change(.post, id, "/publication", json: publication).problemCode == "no_consent")
            #expect(try await h.send(.get, "/api/v1/appeals/published/\(id)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func overdueAppealsAreFilteredAndCountedOverEveryPage(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let admin = AppealsHarness.admin
            var ids: [String] = []
            for _ in 0..<4 {
                ids.append(try await h.submit().id)
            }
            // Three deadlines pass; one of those appeals is then closed, which ends its deadline.
            let database = try Database.open(h.appealsDatabase, logger: Logger(label: "test"))
            try await database.sql.raw("UPDATE appeals SET response_due_at = 1000 WHERE id IN (\(binds: ids.prefix(3).map { $0.lowercased() }))").run()
            try await database.close()
            try await h.transition(ids[2], to: "rejected", extra: ["reason": "out_of_scope"])

            let firstPage = try await h.send(.get, "/api/v1/appeals?limit=1", as: admin).decoded(as: AppealList.self)
            #expect(firstPage.overdueCount == 2)
            #expect(firstPage.items.count == 1)
            let overdue = try await h.send(.get, "/api/v1/appeals?overdue=true", as: admin).decoded(as: AppealList.self)
            #expect(Set(overdue.items.map(\.id)) == Set(ids.prefix(2)))
            #expect(overdue.items.allSatisfy { $0.isOverdue == true })
            let onlyOthers = try await h.send(.get, "/api/v1/appeals?regionCode=KG-C", as: admin).decoded(as: AppealList.self)
            #expect(onlyOthers.overdueCount == 0)
        }
    }

    /// End to end: the gateway tells clients apart, and appeals throttles each one on its own.
    @Test func wrongTrackingCodesAreThrottledPerClientOnly() async throws {
        // Clients told apart as behind the operators' proxy: by X-Forwarded-For from a trusted peer.
        try await AppealsThroughGateway.with(gateway: .live, gatewaySettings: ["gateway.trusted.proxies": "127.0.0.1"]) { h in
            let receipt = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission())
            let code = try #require(try receipt.decoded(as: Receipt.self).trackingCode)
            func track(_ code: String, from address: String) async throws -> TestResponse {
                try await h.send(.get, "/api/v1/appeals/track/\(code)", headers: [HTTPField.Name("X-Forwarded-For")!: address])
            }
            for _ in 0..<10 {
                #expect(try await track("AAAA-BBBB-CCCC", from: "203.0.113.5").status == .notFound)
            }
            // Past the free ten, each wrong code makes this client wait: briefly, never for long.
            var throttled: TestResponse?
            for _ in 0..<40 where throttled == nil {
                let response = try await track("AAAA-BBBB-CCCC", from: "203.0.113.5")
                if response.status == .tooManyRequests { throttled = response } else { #expect(response.status == .notFound) }
            }
            #expect((1...60).contains(Int(try #require(throttled).headers[.retryAfter] ?? "") ?? 0))
            // Another client is not slowed by the first one's guessing.
            #expect(try await track("AAAA-BBBB-CCCC", from: "198.51.100.7").problemCode == "unknown_tracking_code")
            #expect(try await track(code, from: "198.51.100.7").status == .ok)
        }
    }

    @Test func wrongTrackingCodesAreNotFoundAndInvalidSubmissionsNameTheirFields() async throws {
        try await AppealsHarness.with { h in
            #expect(try await h.send(.get, "/api/v1/appeals/track/AAAA-BBBB-CCCC").problemCode == "unknown_tracking_code")
            #expect(try await h.send(.get, "/api/v1/appeals/track/not-a-code").problemCode == "unknown_tracking_code")
            var bad = AppealsHarness.submission(description: "", submitter: ["phone": "call me maybe", "gender": "x", "vulnerableGroups": ["nope"]])
            bad["categoryCode"] = "astrology"
            let response = try await h.send(.post, "/api/v1/appeals", json: bad)
            #expect(response.status == .unprocessableContent)
            let fields = Set((response.problem?.errors ?? [:]).keys)
            #expect(fields == ["description", "categoryCode", "submitter.phone", "submitter.gender", "submitter.vulnerableGroups"])
        }
    }
}
