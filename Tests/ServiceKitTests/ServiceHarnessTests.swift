import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import SQLKit
import ServiceKit
import Synchronization
import TestSupport
import Testing

/// The shared test harness keeps its promises: databases go away after every test, and a test identity
/// reaches a service exactly as the gateway's or another service's assertion would.
@Suite struct ServiceHarnessTests {
    struct PlannedFailure: Error {}

    @Test(arguments: TestDatabases.kinds)
    func theDatabaseIsDroppedWhetherTheTestPassesOrThrows(kind: DatabaseKind) async throws {
        let used = Mutex([DatabaseSettings]())
        try await TestService.with(kind) { service, _ in
            used.withLock { $0.append(service.settings.database) }
        }
        await #expect(throws: PlannedFailure.self) {
            try await TestService.with(kind) { service, _ in
                used.withLock { $0.append(service.settings.database) }
                throw PlannedFailure()
            }
        }
        let databases = used.withLock { $0 }
        #expect(databases.count == 2)
        for database in databases {
            #expect(try await !Self.exists(database), "\(database) outlived its test")
        }
    }

    @Test func testIdentitiesAreVouchedForAsOnThePlatform() async throws {
        try await TestService.with(.sqlite) { service, _ in
            let note = "/api/v1/notes/0192f5a4-0000-7000-8000-000000000001"
            #expect(try await service.send(.get, note).problemCode == "identity_missing")
            #expect(try await service.send(.get, note, as: .principal([.coordinator])).status == .ok)
            #expect(try await service.send(.get, note, as: .anonymous()).status == .ok)
            // Services are signed with their own keys, and only the callers a route names get through.
            struct Caller: Decodable { let caller: String }
            let ping = try await service.send(.get, "/internal/ping", as: .service("grants"))
            #expect(try ping.decoded(as: Caller.self).caller == "grants")
            #expect(try await service.send(.get, "/internal/ping", as: .service("broadcasts")).problemCode == "caller_not_allowed")
            #expect(try await service.send(.get, "/internal/ping", as: .principal([.admin])).problemCode == "caller_not_allowed")
            #expect(try await service.send(.get, note, as: .service("gateway")).problemCode == "caller_not_allowed")
        }
    }

    /// Whether the SQLite file or the PostgreSQL database is still there.
    static func exists(_ database: DatabaseSettings) async throws -> Bool {
        switch database {
        case .sqlite(let path):
            return FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        case .postgres(let url):
            let name = String(try #require(URLComponents(string: url)).path.dropFirst())
            let found = Mutex(0)
            try await TemporaryDatabase.withAdminConnection(try #require(TestDatabases.postgresURL)) { admin in
                let rows = try await admin.raw("SELECT datname FROM pg_database WHERE datname = \(bind: name)").all()
                found.withLock { $0 = rows.count }
            }
            return found.withLock { $0 } > 0
        }
    }
}
