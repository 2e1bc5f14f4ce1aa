import Foundation
import Logging
import Persistence
import SQLKit
import TestSupport
import Testing

@Suite struct DatabaseTests {
    @Test(arguments: TestDatabases.kinds)
    func aTransactionThatThrowsIsRolledBack(kind: DatabaseKind) async throws {
        try await withTemporaryDatabase(kind) { database, _ in
            try await database.sql.raw("CREATE TABLE items (id TEXT PRIMARY KEY)").run()
            struct Abort: Error {}
            await #expect(throws: Abort.self) {
                try await database.transaction { session in
                    try await session.raw("INSERT INTO items (id) VALUES ('a')").run()
                    throw Abort()
                }
            }
            try await database.transaction { session in
                try await session.raw("INSERT INTO items (id) VALUES ('b')").run()
            }
            let ids = try await database.sql.raw("SELECT id FROM items").all(decodingColumn: "id", as: String.self)
            #expect(ids == ["b"])
        }
    }

    @Test func sqliteEnforcesForeignKeysAndUsesWAL() async throws {
        try await withTemporaryDatabase(.sqlite) { database, _ in
            let mode = try await database.sql.raw("PRAGMA journal_mode").first(decodingColumn: "journal_mode", as: String.self)
            #expect(mode == "wal")
            try await database.sql.raw("CREATE TABLE parents (id TEXT PRIMARY KEY)").run()
            try await database.sql.raw("CREATE TABLE children (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES parents (id))").run()
            await #expect(throws: (any Error).self) {
                try await database.sql.raw("INSERT INTO children (id, parent) VALUES ('c', 'missing')").run()
            }
        }
    }

    @Test func databaseURLSelectsPostgresAndOtherwiseSQLiteInTheDataDirectory() throws {
        #expect(DatabaseSettings.postgres(url: "postgres://u:secret@db:5433/appeals").redactedDescription == "PostgreSQL at db:5433/appeals")
        #expect(throws: PersistenceError.self) {
            try Database.open(.postgres(url: "postgres://[bad"), logger: Logger(label: "test"))
        }
    }

    @Test func anUnreachableServerIsReportedWithoutItsPassword() async throws {
        // Port 1 on loopback refuses connections.
        let database = try Database.open(.postgres(url: "postgres://user:hunter2@127.0.0.1:1/db"), logger: Logger(label: "test"))
        do {
            try await database.checkReachable(timeout: .seconds(3))
            Issue.record("expected the check to fail")
        } catch {
            #expect(error.description.contains("127.0.0.1:1/db"))
            #expect(!error.description.contains("hunter2"))
        }
        try await database.close()
    }

    /// A connection in use, or still opening, when its database closes is closed when it comes back, on a
    /// thread that still runs, and closing waits for it: SQLiteNIO traps on a connection that could not close
    /// (the test process dies).
    @Test func closingWaitsForTheConnectionInUseAndLeavesNoneUnclosed() async throws {
        try await withTemporaryDatabase(.sqlite) { database, _ in
            let (inUse, connectionTaken) = AsyncStream<Void>.makeStream()
            let (finish, sessionMayEnd) = AsyncStream<Void>.makeStream()
            async let sessionEnded: ContinuousClock.Instant = database.withSession { session in
                try await session.raw("SELECT 1").run()
                connectionTaken.yield()
                for await _ in finish { break }
                return .now
            }
            for await _ in inUse { break }
            let closing = Task {
                try await database.close()
                return ContinuousClock.now
            }
            try await Task.sleep(for: .milliseconds(200))
            sessionMayEnd.yield()
            let ended = try await sessionEnded
            #expect(try await closing.value > ended, "the database closed while its connection was in use")
        }
        try await withTemporaryDatabase(.sqlite) { database, _ in
            async let opening: Void = database.sql.raw("SELECT 1").run()
            try await database.close()
            _ = try? await opening
        }
    }
}
