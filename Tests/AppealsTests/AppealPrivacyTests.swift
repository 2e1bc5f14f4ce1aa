import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import ServiceKit
import TestSupport
import Testing

@Suite struct AppealPrivacyTests {
    /// End to end, so neither the gateway's logs nor the service's may hold what the appellant sent.
    @Test(arguments: TestDatabases.kinds)
    func personalDataAndTrackingCodesNeverReachTheDatabaseOrTheLogs(kind: DatabaseKind) async throws {
        let canary = "CANARY\(UUID().uuidString.prefix(8))"
        let phoneCanary = "+996 700 \(Int.random(in: 100_000...999_999))"
        let logs = LogCapture()
        let (code, file) = try await AppealsThroughGateway.with(kind, logs: logs) { h in
            let submitter: [String: Any] = ["name": "Aigul \(canary)", "phone": phoneCanary, "email": "\(canary.lowercased())@example.org", "gender": "female"]
            let receipt = try await h.send(
                .post, "/api/v1/appeals", json: AppealsHarness.submission(description: "My neighbour \(canary) was beaten.", submitter: submitter))
            #expect(receipt.status == .created)
            let receiptBody = try receipt.decoded(as: Receipt.self)
            let code = try #require(receiptBody.trackingCode)
            // Staff can still read it: the data is sealed, not lost.
            let admin = try await h.token()
            let full = try await h.send(.get, "/api/v1/appeals/\(receiptBody.id)", token: admin).decoded(as: AppealView.self)
            #expect(full.description?.contains(canary) == true)
            #expect(full.submitter?.phone == phoneCanary)
            _ = try await h.send(.get, "/api/v1/appeals/track/\(code)")
            return (code, try RawDatabase(h.service.settings.database))
        }
        for secret in [canary, canary.lowercased(), phoneCanary, code, code.replacingOccurrences(of: "-", with: "")] {
            #expect(!file.holds(secret), "the database holds \(secret)")
            #expect(!logs.text.contains(secret), "the logs hold \(secret)")
        }
        #expect(logs.text.contains("request")) // the capture did see the traffic
        #expect(file.holds("At-Bashy")) // and the raw contents do hold the appeal
    }
}
