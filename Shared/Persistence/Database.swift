@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit

/// A service's database: a connection pool over PostgreSQL or SQLite behind one `SQLDatabase` interface,
/// so repositories are written once.
///
/// Query logging is off: bound values can be appellants' personal data, which must never reach a log.
public final class Database: Sendable {
    /// Which database this is, for the few statements whose SQL differs.
    public let kind: DatabaseKind
    /// Runs single statements on any pooled connection.
    public let sql: any SQLDatabase
    /// Where the data is, without secrets, for log lines and error messages.
    public let redactedDescription: String

    private let sqliteFile: String?
    private let closePool: @Sendable () async throws -> Void

    private init(
        kind: DatabaseKind, sql: any SQLDatabase, redactedDescription: String, sqliteFile: String?,
        closePool: @escaping @Sendable () async throws -> Void
    ) {
        self.kind = kind
        self.sql = sql
        self.redactedDescription = redactedDescription
        self.sqliteFile = sqliteFile
        self.closePool = closePool
    }

    /// Opens a pool for the given settings. Connections are made lazily; call ``checkReachable(timeout:)``
    /// to fail fast at start-up.
    ///
    /// - Throws: ``PersistenceError`` when the URL is invalid or the SQLite directory cannot be created.
    public static func open(_ settings: DatabaseSettings, logger: Logger) throws(PersistenceError) -> Database {
        let eventLoops = MultiThreadedEventLoopGroup.singleton
        switch settings {
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw .invalidDatabaseURL("DATABASE_URL is not a valid PostgreSQL URL (postgres://user:password@host:port/database)")
            }
            let pool = EventLoopGroupConnectionPool(
                source: PostgresConnectionSource(sqlConfiguration: configuration),
                maxConnectionsPerEventLoop: 8,
                requestTimeout: .seconds(5),
                pruneInterval: .seconds(60),
                logger: logger,
                on: eventLoops
            )
            return Database(
                kind: .postgres,
                sql: pool.database(logger: logger).sql(queryLogLevel: nil),
                redactedDescription: settings.redactedDescription,
                sqliteFile: nil,
                closePool: { try await pool.shutdownAsync() }
            )
        case .sqlite(let path):
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            do {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            } catch {
                throw .unreachable("cannot create the data directory \(directory.path): \(error.localizedDescription)")
            }
            let pool = EventLoopGroupConnectionPool(
                source: ServerSQLiteConnectionSource(path: path),
                maxConnectionsPerEventLoop: 4,
                requestTimeout: .seconds(10),
                pruneInterval: .seconds(60),
                logger: logger,
                on: eventLoops
            )
            return Database(
                kind: .sqlite,
                sql: PooledSQLiteDatabase(pool: pool, logger: logger).sql(queryLogLevel: nil),
                redactedDescription: settings.redactedDescription,
                sqliteFile: path,
                closePool: { try await pool.shutdownAsync() }
            )
        }
    }

    /// Runs `body` on one connection, so its statements share a session (needed for transactions).
    public func withSession<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        try await sql.withSession(body)
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws.
    ///
    /// On SQLite the transaction takes the write lock at once (`BEGIN IMMEDIATE`), so two writers queue
    /// on the busy timeout instead of deadlocking when both try to upgrade a read lock.
    public func transaction<Result: Sendable>(
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        try await withSession { [kind] session in
            try await Self.transaction(on: session, kind: kind, body)
        }
    }

    /// Runs `body` in a transaction on a session the caller already holds.
    static func transaction<Result: Sendable>(
        on session: any SQLDatabase,
        kind: DatabaseKind,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> Result
    ) async throws -> Result {
        try await session.raw(SQLQueryString(kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN")).run()
        do {
            let result = try await body(session)
            try await session.raw("COMMIT").run()
            return result
        } catch {
            try? await session.raw("ROLLBACK").run()
            throw error
        }
    }

    /// Checks that the database answers a query within `timeout`.
    ///
    /// For SQLite it also checks that the file is still where it was opened: an open connection keeps
    /// working on a deleted or unmounted file, which would otherwise look healthy while losing data.
    public func checkReachable(timeout: Duration = .seconds(2)) async throws(PersistenceError) {
        do {
            try await withTimeout(timeout) { [sql] in try await sql.raw("SELECT 1").run() }
        } catch {
            throw .unreachable("cannot reach \(redactedDescription): \(Self.reason(for: error))")
        }
        // Checked after the query, which creates the file on first use.
        if let sqliteFile, !FileManager.default.fileExists(atPath: sqliteFile) {
            throw .unreachable("the SQLite file \(sqliteFile) is missing")
        }
    }

    /// Closes every pooled connection; call once when the service stops.
    public func close() async throws {
        try await closePool()
    }

    /// A reason safe to show an operator: driver errors can carry query text, so only their kind is kept.
    private static func reason(for error: any Error) -> String {
        switch error {
        case is TimeoutError: "no answer in time"
        case let error as PSQLError: "PostgreSQL error (\(error.code))"
        case let error as NIOConnectionError: "connection failed (\(error.host):\(error.port))"
        case let error as SQLiteError: "SQLite error (\(error.reason))"
        default: String(describing: type(of: error))
        }
    }
}

/// Thrown by ``withTimeout(_:_:)`` when the operation did not finish in time.
struct TimeoutError: Error {}

/// Runs `operation`, cancelling it and throwing ``TimeoutError`` if it takes longer than `timeout`.
func withTimeout<Result: Sendable>(
    _ timeout: Duration,
    _ operation: @escaping @Sendable () async throws -> Result
) async throws -> Result {
    try await withThrowingTaskGroup(of: Result.self) { group in
        group.addTask { try await operation() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
