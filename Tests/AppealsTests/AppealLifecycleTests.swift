import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Persistence
import SQLKit
import Testing
import TestSupport

@Suite struct AppealLifecycleTests {
    @Test(arguments: TestDatabases.kinds)
    func anAppealLivesFromAnonymousSubmissionToPublicationClosureAndReopening(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            // A citizen submits anonymously and tracks the appeal.
            let receipt = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission())
            #expect(receipt.status == .created)
            let id = try #require(receipt.json?["id"] as? String).lowercased()
            let code = try #require(receipt.json?["trackingCode"] as? String)
            #expect(code.range(of: "^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", options: .regularExpression) != nil)
            let tracked = try await h.send(.get, "/api/v1/appeals/track/\(code.lowercased())")
            #expect(tracked.json?["status"] as? String == "received")
            #expect(tracked.json?["description"] == nil)

            // Staff triage, verify, assign, refer, and a legal expert answers.
            let admin = try await h.token()
            let lawyer = try await h.user(["legal_expert"], admin: admin)
            #expect(try await h.transition(id, to: "in_verification", token: admin).status == .ok)
            let verification = try await h.change(.post, id, "/verification", token: admin,
                                                  json: ["sourcesChecked": ["school director", "district education office"], "evidenceNotes": "Refusal letter seen.", "outcome": "confirmed"])
            #expect(verification.status == .ok)
            #expect(try await h.transition(id, to: "verified", token: admin).status == .ok)
            #expect(try await h.change(.put, id, "/assignment", token: admin, json: ["verifier": "v-1", "legalExpert": lawyer.id]).status == .ok)
            let referral = try await h.change(.post, id, "/referrals", token: admin, json: ["bodyName": "District education office", "dueAt": "2026-12-31T00:00:00Z"])
            #expect(referral.json?["status"] as? String == "referred")
            let files = try await h.send(.get, "/api/v1/appeals/\(id)/history", token: admin)
            let referralID = try #require((files.json?["referrals"] as? [[String: Any]])?.first?["id"] as? String)
            #expect(try await h.change(.post, id, "/referrals/\(referralID)/reply", token: admin, json: ["reply": "She will be enrolled."]).status == .ok)
            let answer = try await h.change(.post, id, "/responses", token: lawyer.token,
                                            json: ["text": "The law guarantees enrolment; the school must admit her.", "channel": "written", "isPublic": true])
            #expect(answer.status == .ok)
            #expect(answer.json?["status"] as? String == "answered")

            // A verifier publishes a redacted copy; the public reads only that.
            let published = try await h.change(.post, id, "/publication", token: admin,
                                               json: ["title": ["en": "School refused a girl's enrolment"], "summary": ["en": "Resolved after referral."], "isSensitive": true])
            #expect(published.status == .ok)
            let list = try await h.send(.get, "/api/v1/appeals/published")
            let item = try #require((list.json?["items"] as? [[String: Any]])?.first)
            #expect((item["title"] as? [String: String])?["en"] == "School refused a girl's enrolment")
            #expect(item["locality"] == nil)
            #expect(!list.text.contains("daughter"))
            let publicID = try #require(item["id"] as? String)
            #expect(publicID != id)
            #expect(try await h.send(.get, "/api/v1/appeals/published/\(id)").status == .notFound)
            let detail = try await h.send(.get, "/api/v1/appeals/published/\(publicID)")
            #expect((detail.json?["responses"] as? [[String: Any]])?.count == 1)

            // Closed, then reopened by a coordinator; the appellant sees the answer when tracking.
            #expect(try await h.transition(id, to: "closed", token: admin).status == .ok)
            let reopened = try await h.transition(id, to: "in_verification", token: admin, extra: ["note": "New facts arrived."])
            #expect(reopened.json?["status"] as? String == "in_verification")
            let trackedAgain = try await h.send(.get, "/api/v1/appeals/track/\(code)")
            #expect((trackedAgain.json?["responses"] as? [[String: Any]])?.count == 1)

            let history = try await h.send(.get, "/api/v1/appeals/\(id)/history", token: admin)
            let actions = (history.json?["entries"] as? [[String: Any]] ?? []).compactMap { $0["action"] as? String }
            #expect(actions == ["submitted", "transition", "verification", "transition", "assignment", "transition", "referral",
                                "referral_reply", "transition", "response", "publication", "transition", "transition"])
        }
    }

    @Test func thePublicListShowsEveryChangeAtOnceAndAWithdrawnCopyNeverLingers() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)
            try await h.transition(id, to: "in_verification", token: admin)
            try await h.transition(id, to: "verified", token: admin)
            func listed() async throws -> [[String: Any]] {
                try await h.send(.get, "/api/v1/appeals/published").json?["items"] as? [[String: Any]] ?? []
            }
            #expect(try await listed().isEmpty)
            try await h.change(.post, id, "/publication", token: admin, json: ["title": ["en": "A school"], "summary": ["en": "Refused"]])
            #expect(try await listed().first?["status"] as? String == "verified")
            #expect(try await listed().count == 1, "read twice: the second from the cache")
            try await h.transition(id, to: "rejected", token: admin, extra: ["reason": "out_of_scope"])
            #expect(try await listed().first?["status"] as? String == "rejected")
            try await h.change(.delete, id, "/publication", token: admin)
            #expect(try await listed().isEmpty)
            #expect((try await h.send(.get, "/api/v1/appeals/published?limit=1").json?["items"] as? [[String: Any]])?.isEmpty == true)
        }
    }

    @Test func illegalTransitionsAreRefusedNamingTheAllowedOnes() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)
            for target in ["verified", "referred", "answered", "closed"] {
                let response = try await h.transition(id, to: target, token: admin)
                #expect(response.status == .conflict, "received → \(target)")
                #expect(response.problemCode == "illegal_transition")
                #expect((response.json?["detail"] as? String)?.contains("in_verification, rejected") == true)
            }
            let rejectWithoutReason = try await h.transition(id, to: "rejected", token: admin)
            #expect(rejectWithoutReason.status == .unprocessableContent)
            #expect(try await h.transition(id, to: "rejected", token: admin, extra: ["reason": "withdrawn"]).status == .ok)
            for target in ["received", "in_verification", "closed"] {
                #expect(try await h.transition(id, to: target, token: admin).problemCode == "illegal_transition")
            }
        }
    }

    @Test func aStaleIfMatchIs412AndAMissingOneIs428() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)
            let first = try await h.send(.get, "/api/v1/appeals/\(id)", token: admin)
            let eTag = try #require(first.headers[.eTag])
            #expect(try await h.send(.post, "/api/v1/appeals/\(id)/transitions", token: admin, json: ["to": "in_verification"],
                                     headers: [.ifMatch: eTag]).status == .ok)
            let stale = try await h.send(.post, "/api/v1/appeals/\(id)/transitions", token: admin, json: ["to": "rejected", "reason": "unfounded"],
                                         headers: [.ifMatch: eTag])
            #expect(stale.status == .preconditionFailed)
            #expect(try await h.send(.post, "/api/v1/appeals/\(id)/transitions", token: admin, json: ["to": "verified"]).status == .preconditionRequired)
        }
    }

    @Test func aReplayedIdempotencyKeyCreatesNothingNew() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let headers: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "retry-1"]
            let first = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(), headers: headers)
            let retry = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(), headers: headers)
            #expect(first.status == .created)
            #expect(retry.status == .created)
            // The same receipt, less the tracking code, which is shown only once (never stored in clear).
            #expect(retry.json?["id"] as? String == first.json?["id"] as? String)
            #expect(retry.json?["trackingCode"] == nil)
            let list = try await h.send(.get, "/api/v1/appeals", token: admin)
            #expect((list.json?["items"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test func publicationNeedsVerificationAndConsent() async throws {
        try await AppealsHarness.with { h in
            let admin = try await h.token()
            let publication: [String: Any] = ["title": ["en": "T"], "summary": ["en": "S"]]
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(publication: false)).json?["id"] as? String)
            #expect(try await h.change(.post, id, "/publication", token: admin, json: publication).problemCode == "not_verified")
            try await h.transition(id, to: "in_verification", token: admin)
            try await h.transition(id, to: "verified", token: admin)
            #expect(try await h.change(.post, id, "/publication", token: admin, json: publication).problemCode == "no_consent")
            #expect(try await h.send(.get, "/api/v1/appeals/published/\(id)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func overdueAppealsAreFilteredAndCountedOverEveryPage(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let admin = try await h.token()
            var ids: [String] = []
            for _ in 0..<4 {
                ids.append(try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String))
            }
            // Three deadlines pass; one of those appeals is then closed, which ends its deadline.
            let database = try Database.open(h.appealsDatabase, logger: Logger(label: "test"))
            try await database.sql.raw("UPDATE appeals SET response_due_at = 1000 WHERE id IN (\(binds: ids.prefix(3).map { $0.lowercased() }))").run()
            try await database.close()
            try await h.transition(ids[2], to: "rejected", token: admin, extra: ["reason": "out_of_scope"])

            let firstPage = try await h.send(.get, "/api/v1/appeals?limit=1", token: admin)
            #expect(firstPage.json?["overdueCount"] as? Int == 2)
            #expect((firstPage.json?["items"] as? [[String: Any]])?.count == 1)
            let overdue = try await h.send(.get, "/api/v1/appeals?overdue=true", token: admin)
            let listed = Set(((overdue.json?["items"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String })
            #expect(listed == Set(ids.prefix(2)))
            #expect(((overdue.json?["items"] as? [[String: Any]]) ?? []).allSatisfy { $0["isOverdue"] as? Bool == true })
            let onlyOthers = try await h.send(.get, "/api/v1/appeals?regionCode=KG-C", token: admin)
            #expect(onlyOthers.json?["overdueCount"] as? Int == 0)
        }
    }

    @Test func wrongTrackingCodesAreThrottledPerClientOnly() async throws {
        // Clients told apart as behind the operators' proxy: by X-Forwarded-For from a trusted peer.
        try await AppealsHarness.with(gateway: .live, gatewaySettings: ["gateway.trusted.proxies": "127.0.0.1"]) { h in
            let receipt = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission())
            let code = try #require(receipt.json?["trackingCode"] as? String)
            func track(_ code: String, from address: String) async throws -> TestResponse {
                try await h.send(.get, "/api/v1/appeals/track/\(code)", headers: [HTTPField.Name("X-Forwarded-For")!: address])
            }
            for _ in 0..<10 {
                #expect(try await track("AAAA-BBBB-CCCC", from: "203.0.113.5").status == .notFound)
            }
            // Past the free ten, each wrong code makes this client wait: briefly, never for long.
            var throttled: TestResponse?
            for _ in 0..<10 where throttled == nil {
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
            let fields = Set((response.json?["errors"] as? [String: String] ?? [:]).keys)
            #expect(fields == ["description", "categoryCode", "submitter.phone", "submitter.gender", "submitter.vulnerableGroups"])
        }
    }
}
