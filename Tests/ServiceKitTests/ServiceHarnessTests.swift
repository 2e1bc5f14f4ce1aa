import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import NIOPosix
import Persistence
import SQLKit
import ServiceKit
import Synchronization
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

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

    /// A service served at a chosen port listens before the test goes on, and one that cannot take its port
    /// fails the test with the reason instead of leaving callers to find nothing there.
    @Test func aServedServiceListensAtItsPortOrSaysWhyNot() async throws {
        let temporary = try await TemporaryDatabase.create(.sqlite)
        do {
            let definition = TestService.definition(executions: TestService.Executions())
            let port = try await ServiceHarness.freeLoopbackPort()
            // Twice at one address, as a service stopped and started again.
            for _ in 0..<2 {
                let answer = try await ServiceHarness.serve(definition, database: temporary.settings, port: port) {
                    try await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/health")!).1 as? HTTPURLResponse
                }
                #expect(answer?.statusCode == 200)
            }
            // Another server on the port (reusing the address, as servers do, past the connections closing).
            let held = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: "127.0.0.1", port: port).get()
            await #expect {
                try await ServiceHarness.serve(definition, database: temporary.settings, port: port) { Issue.record("it ran on a held port") }
            } throws: { error in
                "\(error)".contains("port \(port)") && "\(error)".contains("already in use")
            }
            try await held.close()
            try await temporary.drop()
        } catch {
            try? await temporary.drop()
            throw error
        }
    }

    /// A live server whose start-up fails says why instead of leaving the test waiting for its port.
    @Test func aLiveServiceThatCannotStartFailsTheTestWithTheReason() async throws {
        let port = try await ServiceHarness.freeLoopbackPort() // nothing listens there
        let definition = TestService.definition(executions: TestService.Executions())
        await #expect(throws: (any Error).self) {
            try await ServiceHarness.run(definition, database: .postgres(url: "postgres://nobody@127.0.0.1:\(port)/none"), setup: .live) { _ in
                Issue.record("a service without its database served")
            }
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
