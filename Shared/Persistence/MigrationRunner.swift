import Foundation
import Logging
import SQLKit

/// Applies a service's migrations in order, each once, each in its own transaction.
///
/// Safe when replicas start together: on PostgreSQL the run holds an advisory lock; on SQLite each
/// migration takes the write lock (`BEGIN IMMEDIATE`) and re-checks whether it already ran.
public struct MigrationRunner: Sendable {
    /// An arbitrary constant: one database belongs to one service, so one lock key is enough.
    static let advisoryLockKey = 7_342_012_019

    private let database: Database
    private let migrations: [Migration]
    private let logger: Logger

    /// Creates a runner for `migrations`, which are applied in the order given.
    public init(database: Database, migrations: [Migration], logger: Logger) {
        self.database = database
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies every migration not yet recorded and returns the names of those it applied.
    ///
    /// - Throws: ``PersistenceError/migrationFailed(name:reason:)`` with nothing of that migration kept.
    @discardableResult
    public func run() async throws -> [String] {
        var seen = Set<String>()
        for migration in migrations where !seen.insert(migration.name).inserted {
            throw PersistenceError.duplicateMigration(migration.name)
        }
        let kind = database.kind
        let migrations = self.migrations
        let logger = self.logger
        return try await database.withSession { session in
            if kind == .postgres {
                try await session.raw("SELECT pg_advisory_lock(\(literal: Self.advisoryLockKey))").run()
            }
            do {
                let applied = try await Self.apply(migrations, on: session, kind: kind, logger: logger)
                if kind == .postgres {
                    try await session.raw("SELECT pg_advisory_unlock(\(literal: Self.advisoryLockKey))").run()
                }
                return applied
            } catch {
                if kind == .postgres {
                    try? await session.raw("SELECT pg_advisory_unlock(\(literal: Self.advisoryLockKey))").run()
                }
                throw error
            }
        }
    }

    private static func apply(
        _ migrations: [Migration], on session: any SQLDatabase, kind: DatabaseKind, logger: Logger
    ) async throws -> [String] {
        // In a write transaction too: on SQLite an autocommit DDL statement that starts as a read can
        // fail at once with SQLITE_BUSY when another runner commits first, instead of waiting its turn.
        try await Database.transaction(on: session, kind: kind) { session in
            try await session.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)
                """
            ).run()
        }
        var applied: [String] = []
        for migration in migrations {
            let didApply = try await Database.transaction(on: session, kind: kind) { session in
                let existing = try await session.raw(
                    "SELECT name FROM schema_migrations WHERE name = \(bind: migration.name)"
                ).all()
                guard existing.isEmpty else { return false }
                do {
                    try await migration.apply(session, kind)
                } catch {
                    throw PersistenceError.migrationFailed(name: migration.name, reason: String(describing: error))
                }
                // ISO8601FormatStyle, not ISO8601DateFormatter: the latter loads ICU's date formatting data, a
                // couple of megabytes of resident memory for the life of the process (Benchmarks/README.md).
                let now = Date().formatted(.iso8601)
                try await session.raw(
                    "INSERT INTO schema_migrations (name, applied_at) VALUES (\(bind: migration.name), \(bind: now))"
                ).run()
                return true
            }
            if didApply {
                logger.info("applied migration", metadata: ["migration": .string(migration.name)])
                applied.append(migration.name)
            }
        }
        return applied
    }

    /// The names of the migrations recorded as applied, in name order.
    public static func appliedMigrations(in database: Database) async throws -> [String] {
        try await database.sql.raw("SELECT name FROM schema_migrations ORDER BY name").all()
            .map { try $0.decode(column: "name", as: String.self) }
    }
}
