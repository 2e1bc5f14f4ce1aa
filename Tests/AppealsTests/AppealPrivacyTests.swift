import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import TestSupport

@Suite struct AppealPrivacyTests {
    @Test func personalDataAndTrackingCodesNeverReachTheDatabaseFileOrTheLogs() async throws {
        let canary = "CANARY\(UUID().uuidString.prefix(8))"
        let phoneCanary = "+996 700 \(Int.random(in: 100_000...999_999))"
        let logs = LogCapture()
        let (code, file) = try await AppealsHarness.with(logs: logs) { h in
            let submitter: [String: Any] = ["name": "Aigul \(canary)", "phone": phoneCanary, "email": "\(canary.lowercased())@example.org", "gender": "female"]
            let receipt = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(description: "My neighbour \(canary) was beaten.", submitter: submitter))
            #expect(receipt.status == .created)
            let code = try #require(receipt.json?["trackingCode"] as? String)
            // Staff can still read it: the data is sealed, not lost.
            let admin = try await h.token()
            let id = try #require(receipt.json?["id"] as? String)
            let full = try await h.send(.get, "/api/v1/appeals/\(id)", token: admin)
            #expect((full.json?["description"] as? String)?.contains(canary) == true)
            #expect((full.json?["submitter"] as? [String: Any])?["phone"] as? String == phoneCanary)
            _ = try await h.send(.get, "/api/v1/appeals/track/\(code)")
            guard case .sqlite(let path) = h.appealsDatabase else { throw HarnessError("expected SQLite") }
            // Read the database while it is open: the main file and its write-ahead log together.
            let bytes = [path, path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.reduce(Data(), +)
            return (code, bytes)
        }
        for secret in [canary, canary.lowercased(), phoneCanary, code, code.replacingOccurrences(of: "-", with: "")] {
            #expect(file.range(of: Data(secret.utf8)) == nil, "the database file holds \(secret)")
            #expect(!logs.text.contains(secret), "the logs hold \(secret)")
        }
        #expect(logs.text.contains("request"))  // the capture did see the traffic
    }
}
