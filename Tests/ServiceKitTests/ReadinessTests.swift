import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import Persistence
import SQLKit
import ServiceKit
import TestSupport
import Testing

@Suite struct ReadinessTests {
    @Test(arguments: TestDatabases.kinds)
    func readyTurns503WhenTheDatabaseGoesAwayAnd200WhenItReturns(kind: DatabaseKind) async throws {
        try await TestService.with(kind) { service, _ in
            let client = service.client
            #expect(try await client.execute(uri: "/ready", method: .get).status == .ok)

            try await Self.takeOffline(service.settings.database)
            let unavailable = try await client.execute(uri: "/ready", method: .get)
            #expect(unavailable.status == .serviceUnavailable)
            #expect(unavailable.problem?.code == "database_unreachable")
            #expect(try await client.execute(uri: "/health", method: .get).status == .ok)

            try await Self.bringBack(service.settings.database)
            #expect(try await client.execute(uri: "/ready", method: .get).status == .ok)
        }
    }

    @Test func readyTurns503WhileDraining() async throws {
        try await TestService.with(.sqlite) { service, _ in
            let client = service.client
            #expect(try await client.execute(uri: "/ready", method: .get).status == .ok)
            service.readiness.beginDraining()
            let draining = try await client.execute(uri: "/ready", method: .get)
            #expect(draining.status == .serviceUnavailable)
            #expect(draining.problem?.code == "draining")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func startUpAppliesTheKitsAndTheServicesMigrations(kind: DatabaseKind) async throws {
        try await TestService.with(kind) { service, _ in
            let database = try Database.open(service.settings.database, logger: .init(label: "check"))
            let applied = try await MigrationRunner.appliedMigrations(in: database)
            let regions = try await database.sql.raw("SELECT COUNT(*) AS n FROM regions").first(decodingColumn: "n", as: Int.self)
            try await database.close()
            #expect(applied == ["0000_create_idempotency_keys", "0000_create_inbox_messages", "0000_create_outbox_messages", "0001_create_regions"])
            #expect(regions == 9)
        }
    }

    /// Makes the database unreachable as an outage would: the SQLite file disappears (an unmounted
    /// volume); PostgreSQL refuses connections and drops the ones it has.
    static func takeOffline(_ database: DatabaseSettings) async throws {
        switch database {
        case .sqlite(let path):
            try FileManager.default.moveItem(atPath: path, toPath: path + ".away")
        case .postgres(let url):
            let name = String(URLComponents(string: url)!.path.dropFirst())
            try await TemporaryDatabase.withAdminConnection(TestDatabases.postgresURL!) { admin in
                try await admin.raw("ALTER DATABASE \(ident: name) ALLOW_CONNECTIONS false").run()
                try await admin.raw("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(bind: name)").run()
            }
        }
    }

    static func bringBack(_ database: DatabaseSettings) async throws {
        switch database {
        case .sqlite(let path):
            try FileManager.default.moveItem(atPath: path + ".away", toPath: path)
        case .postgres(let url):
            let name = String(URLComponents(string: url)!.path.dropFirst())
            try await TemporaryDatabase.withAdminConnection(TestDatabases.postgresURL!) { admin in
                try await admin.raw("ALTER DATABASE \(ident: name) ALLOW_CONNECTIONS true").run()
            }
        }
    }
}
