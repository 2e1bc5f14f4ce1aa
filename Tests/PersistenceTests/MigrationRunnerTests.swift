import Logging
import Persistence
import SQLKit
import TestSupport
import Testing

@Suite struct MigrationRunnerTests {
    static let logger = Logger(label: "migration-test")

    static let migrations = [
        Migration("0001_create_notes", statements: ["CREATE TABLE notes (id TEXT PRIMARY KEY, body TEXT NOT NULL)"]),
        Migration("0002_add_note_author", statements: ["ALTER TABLE notes ADD COLUMN author TEXT"]),
        Migration("0003_seed_note", statements: ["INSERT INTO notes (id, body, author) VALUES ('n1', 'hello', 'a')"]),
    ]

    @Test(arguments: TestDatabases.kinds)
    func appliesMigrationsInOrderAndASecondRunAppliesNothing(kind: DatabaseKind) async throws {
        try await withTemporaryDatabase(kind) { database, _ in
            let runner = MigrationRunner(database: database, migrations: Self.migrations, logger: Self.logger)
            #expect(try await runner.run() == ["0001_create_notes", "0002_add_note_author", "0003_seed_note"])
            #expect(try await runner.run() == [])
            #expect(try await MigrationRunner.appliedMigrations(in: database) == Self.migrations.map(\.name))
            let author = try await database.sql.raw("SELECT author FROM notes WHERE id = 'n1'").first(decodingColumn: "author", as: String.self)
            #expect(author == "a")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func runnersStartedTogetherApplyEachMigrationExactlyOnce(kind: DatabaseKind) async throws {
        try await withTemporaryDatabase(kind) { database, temporary in
            // Separate pools, as replicas would have, each connected first as start-up does.
            let replicas = try (0..<4).map { _ in try temporary.open() }
            for replica in replicas { try await replica.checkReachable() }
            let applied = try await withThrowingTaskGroup(of: [String].self) { group in
                for replica in replicas {
                    group.addTask {
                        try await MigrationRunner(database: replica, migrations: Self.migrations, logger: Self.logger).run()
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            for replica in replicas { try await replica.close() }
            #expect(applied.sorted() == Self.migrations.map(\.name))
            let count = try await database.sql.raw("SELECT COUNT(*) AS n FROM notes").first(decodingColumn: "n", as: Int.self)
            #expect(count == 1)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aFailingMigrationLeavesNoPartialSchemaAndStopsTheRun(kind: DatabaseKind) async throws {
        try await withTemporaryDatabase(kind) { database, _ in
            let failing = Migration("0002_half_done") { database, _ in
                try await database.raw("CREATE TABLE half_done (id TEXT PRIMARY KEY)").run()
                try await database.raw("INSERT INTO half_done (id) VALUES ('x')").run()
                try await database.raw("INSERT INTO no_such_table (id) VALUES ('x')").run()
            }
            let later = Migration("0003_never", statements: ["CREATE TABLE never (id TEXT)"])
            let runner = MigrationRunner(database: database, migrations: [Self.migrations[0], failing, later], logger: Self.logger)
            await #expect(throws: PersistenceError.self) { try await runner.run() }

            #expect(try await MigrationRunner.appliedMigrations(in: database) == ["0001_create_notes"])
            let tables = try await Self.tableNames(database)
            #expect(tables.contains("notes"))
            #expect(!tables.contains("half_done"))
            #expect(!tables.contains("never"))
        }
    }

    @Test func duplicateNamesAreRefusedBeforeAnythingRuns() async throws {
        try await withTemporaryDatabase(.sqlite) { database, _ in
            let runner = MigrationRunner(database: database, migrations: [Self.migrations[0], Self.migrations[0]], logger: Self.logger)
            await #expect(throws: PersistenceError.duplicateMigration("0001_create_notes")) { try await runner.run() }
        }
    }

    static func tableNames(_ database: Database) async throws -> Set<String> {
        let query: SQLQueryString =
            database.kind == .postgres
            ? "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"
            : "SELECT name FROM sqlite_master WHERE type = 'table'"
        return Set(try await database.sql.raw(query).all(decodingColumn: "name", as: String.self))
    }
}
