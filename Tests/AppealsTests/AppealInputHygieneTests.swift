import Appeals
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// What appeals accept and how they answer: byte-bounded texts, JSON only as JSON, plain error messages,
/// no caching of personal data, tracking by POST, a proportionate tracking throttle, and idempotent
/// submissions that never keep a tracking code.
@Suite struct AppealInputHygieneTests {
    static let inflatedDescription = String(repeating: "a" + String(repeating: "\u{0301}", count: 60), count: 8_000)

    @Test func theReportedAppealOf968KBIsRefusedWithAFieldError() async throws {
        // Straight to the service: the gateway may refuse a body this large before it gets there.
        try await AppealsHarness.with { h in
            let body = try JSONSerialization.data(withJSONObject: AppealsHarness.submission(description: Self.inflatedDescription))
            #expect(body.count > 900_000)
            let response = try await h.service.send(
                .post, "/api/v1/appeals", as: .anonymous(clientKey: "c"),
                headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
            #expect(response.status == .unprocessableContent)
            #expect(response.problemCode == "validation_failed")
            #expect(response.problem?.errors?["description"]?.contains("bytes") == true)
        }
    }

    @Test func textsAreBoundedInBytesAndCombiningMarks() async throws {
        try await AppealsHarness.with { h in
            let marked = String(repeating: "a" + String(repeating: "\u{0301}", count: 5), count: 100)
            let overSized = String(repeating: "ж", count: 8_001) // 8,001 Cyrillic letters: 16,002 bytes
            for (description, message) in [(marked, "combining marks"), (overSized, "16000 bytes")] {
                let refused = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(description: description))
                #expect(refused.status == .unprocessableContent)
                #expect(refused.problem?.errors?["description"]?.contains(message) == true, "\(refused.text.prefix(300))")
            }
            var submission = AppealsHarness.submission(description: String(repeating: "ж", count: 8_000))
            submission["locality"] = String(repeating: "ы", count: 201)
            let locality = try await h.send(.post, "/api/v1/appeals", json: submission)
            #expect(locality.problem?.errors?.keys.sorted() == ["locality"])
            submission["locality"] = "Ат-Башы"
            #expect(try await h.send(.post, "/api/v1/appeals", json: submission).status == .created)
        }
    }

    /// A missing or unknown region is one field error among the others, so a form shows all its messages at once.
    @Test func aMissingRegionIsReportedWithEveryOtherProblem() async throws {
        try await AppealsHarness.with { h in
            var submission = AppealsHarness.submission(description: "")
            submission["regionCode"] = nil
            submission["categoryCode"] = "no-such-category"
            let missing = try await h.send(.post, "/api/v1/appeals", json: submission)
            #expect(missing.status == .unprocessableContent)
            #expect(missing.problem?.errors?.keys.sorted() == ["categoryCode", "description", "regionCode"], "\(missing.text.prefix(500))")
            submission["regionCode"] = "KG-X"
            let unknown = try await h.send(.post, "/api/v1/appeals", json: submission)
            #expect(unknown.problem?.errors?["regionCode"]?.contains("KG-N") == true)
            #expect(unknown.problem?.errors?.count == 3)
        }
    }

    @Test func open311IntakeIsBoundedLikeEveryAppealAndTakesOnlyItsFormType() async throws {
        try await AppealsHarness.with { h in
            let partner = TestIdentity.partner(organizationID: UUID())
            func intake(_ form: String, contentType: String = "application/x-www-form-urlencoded") async throws -> TestResponse {
                try await h.service.send(.post, "/open311/v2/requests.json", as: partner, headers: [.contentType: contentType], body: ByteBuffer(string: form))
            }
            let marked = String(repeating: "a" + String(repeating: "%CC%81", count: 6), count: 50)
            let longName = String(repeating: "%D0%B6", count: 201) // 201 Cyrillic letters: 402 bytes
            let refused = try await intake("service_code=labour&region_code=KG-J&description=\(marked)&first_name=\(longName)&address_string=\(marked)")
            #expect(refused.status == .unprocessableContent)
            // Open311 answers with the standard's error list: one entry per field, named at the start of its description.
            let errors = try JSONDecoder().decode([Open311Error].self, from: Data(refused.text.utf8))
            #expect(errors.map { $0.description.prefix { $0 != ":" } } == ["description", "locality", "submitter.name"])
            let asJSON = try await intake(#"{"service_code": "labour"}"#, contentType: "application/json")
            #expect(asJSON.status == .unsupportedMediaType)
            #expect(try await intake("service_code=labour&region_code=KG-J&description=Unpaid%20wages").status == .created)
        }
    }

    @Test func aBodyNotSentAsJSONIs415() async throws {
        try await AppealsHarness.with { h in
            let body = try JSONSerialization.data(withJSONObject: AppealsHarness.submission())
            let response = try await h.service.send(
                .post, "/api/v1/appeals", as: AppealsHarness.anonymous,
                headers: [.contentType: "text/plain"], body: ByteBuffer(bytes: body))
            #expect(response.status == .unsupportedMediaType)
            #expect(response.problemCode == "unsupported_media_type")
        }
    }

    @Test func receiptsTrackingAndStaffReadsAreNeverCachedAndTrackingWorksByPOST() async throws {
        try await AppealsHarness.with { h in
            let receipt = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission())
            let created = try receipt.decoded(as: Receipt.self)
            let code = try #require(created.trackingCode)
            let id = created.id
            let admin = AppealsHarness.admin
            let tracked = try await h.send(.post, "/api/v1/appeals/track", json: ["code": code])
            #expect(tracked.status == .ok)
            #expect(try tracked.decoded(as: TrackedAppeal.self).status == "received")
            let unknown = try await h.send(.post, "/api/v1/appeals/track", json: ["code": "AAAA-BBBB-CCCC-DDDD"])
            #expect(unknown.problemCode == "unknown_tracking_code")
            let responses = [
                ("receipt", receipt),
                ("track by POST", tracked),
                ("track by GET", try await h.send(.get, "/api/v1/appeals/track/\(code)")),
                ("staff list", try await h.send(.get, "/api/v1/appeals", as: admin)),
                ("staff read", try await h.send(.get, "/api/v1/appeals/\(id)", as: admin)),
                ("case file", try await h.send(.get, "/api/v1/appeals/\(id)/history", as: admin)),
                ("change", try await h.transition(id, to: "in_verification", as: admin)),
            ]
            for (name, response) in responses {
                #expect(response.status.code < 300, "\(name): \(response.status)")
                #expect(response.headers[.cacheControl] == "no-store", "\(name)")
            }
        }
    }

    @Test func wrongTrackingCodesSlowAClientWithoutLockingItOut() async throws {
        try await AppealsHarness.with { h in
            var unknownBeforeWait = 0
            var wait: Int?
            for attempt in 0..<25 {
                let response = try await h.send(.post, "/api/v1/appeals/track", json: ["code": "AAAA-BBBB-CCCC-\(1000 + attempt)"])
                if response.status == .tooManyRequests {
                    wait = response.headers[.retryAfter].flatMap { Int($0) }
                    break
                }
                #expect(response.status == .notFound)
                unknownBeforeWait += 1
            }
            // Ten free, then a wait that starts short: a shared address is slowed, not shut out for minutes.
            #expect(unknownBeforeWait >= 11)
            let seconds = try #require(wait, "no back-off after \(unknownBeforeWait) unknown codes")
            #expect((1...60).contains(seconds))
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aRetriedSubmissionSaysCreatedWithoutShowingOrKeepingTheTrackingCode(kind: DatabaseKind) async throws {
        let (code, file) = try await AppealsHarness.with(kind) { h in
            let key: HTTPFields = [HTTPField.Name("Idempotency-Key")!: UUID().uuidString]
            let first = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(), headers: key)
            let code = try #require(try first.decoded(as: Receipt.self).trackingCode)
            let retry = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(), headers: key)
            #expect(retry.status == .created)
            #expect(retry.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            let replayed = try retry.decoded(as: Receipt.self)
            #expect(try replayed.id == first.decoded(as: Receipt.self).id)
            #expect(replayed.trackingCode == nil)
            #expect(replayed.replayNotice?.contains("cannot be shown again") == true)
            #expect(!retry.text.contains(code))
            return (code, try RawDatabase(h.appealsDatabase))
        }
        for secret in [code, code.replacingOccurrences(of: "-", with: "")] {
            #expect(!file.holds(secret), "the database holds the tracking code")
        }
    }

    @Test func anEmailHasOneAtSignWithSomethingOnEachSide() async throws {
        try await AppealsHarness.with { h in
            for email in ["a@@b", "@b", "a@", "a@b@c", "ab"] {
                let refused = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(submitter: ["email": email]))
                #expect(refused.problem?.errors?["submitter.email"] != nil, "\(email) was not refused")
            }
            #expect(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(submitter: ["email": "a@b"])).status == .created)
        }
    }

    @Test func errorsSayWhatIsExpectedAndIfMatchStarIsRefused() async throws {
        try await AppealsHarness.with { h in
            let admin = AppealsHarness.admin
            let id = try await h.submit().id
            let bogus = try await h.change(.post, id, "/transitions", as: admin, json: ["to": "bogus"])
            #expect(bogus.status == .unprocessableContent)
            #expect(bogus.problem?.errors?["to"] == "must be one of received, in_verification, verified, referred, answered, closed, rejected")
            #expect(!bogus.text.contains("AppealStatus") && !bogus.text.contains("Swift"))

            let wildcard = try await h.send(.post, "/api/v1/appeals/\(id)/transitions", as: admin, json: ["to": "in_verification"], headers: [.ifMatch: "*"])
            #expect(wildcard.status == .preconditionRequired)
            #expect(wildcard.problemCode == "if_match_wildcard")
            #expect(try await h.send(.get, "/api/v1/appeals/\(id)", as: admin).decoded(as: AppealView.self).status == "received")
        }
    }
}
