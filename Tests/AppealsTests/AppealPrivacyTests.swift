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
            return (code, try Self.rawContents(of: h.service.settings.database))
        }
        for secret in [canary, canary.lowercased(), phoneCanary, code, code.replacingOccurrences(of: "-", with: "")] {
            // pg_dump writes bytea as hex, so look for the hex form too.
            let hex = Data(secret.utf8).map { String(format: "%02x", $0) }.joined()
            #expect(file.range(of: Data(secret.utf8)) == nil, "the database holds \(secret)")
            #expect(file.range(of: Data(hex.utf8)) == nil, "the database holds \(secret) as bytes")
            #expect(!logs.text.contains(secret), "the logs hold \(secret)")
        }
        #expect(logs.text.contains("request")) // the capture did see the traffic
        #expect(file.range(of: Data("At-Bashy".utf8)) != nil) // and the raw contents do hold the appeal
    }

    /// Everything the database holds: the SQLite file with its write-ahead log, or a full `pg_dump`.
    static func rawContents(of database: DatabaseSettings) throws -> Data {
        switch database {
        case .sqlite(let path):
            return [path, path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.reduce(Data(), +)
        case .postgres(let url):
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["pg_dump", "--no-owner", url]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let dump = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0, !dump.isEmpty else { throw HarnessError("pg_dump failed (exit \(process.terminationStatus))") }
            return dump
        }
    }
}
