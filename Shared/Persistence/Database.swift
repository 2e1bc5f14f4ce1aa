@preconcurrency import AsyncKit
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit
import SQLiteKit
import Synchronization

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
    private let pool: any ClosablePool
    private let isClosed = Mutex(false)

    private init(kind: DatabaseKind, sql: any SQLDatabase, redactedDescription: String, sqliteFile: String?, pool: any ClosablePool) {
        self.kind = kind
        self.sql = sql
        self.redactedDescription = redactedDescription
        self.sqliteFile = sqliteFile
        self.pool = pool
    }

    deinit {
        // A pool dropped without `close()` (a test that failed half-way, a start-up error) would trip
        // async-kit's deinit assertion; start its shutdown instead.
        if !isClosed.withLock({ $0 }) {
            pool.closeInBackground()
        }
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
                pool: PoolCloser(pool: pool)
            )
        case .sqlite(let path):
            try SQLiteFiles.prepare(path)
            // SQLite has one writer at a time. One connection on its own thread serialises this process's
            // queries, so no query sits in SQLite's busy handler holding a shared thread-pool thread that
            // the transaction it waits for needs in order to commit (a deadlock until the busy timeout).
            // Other processes on the same file still queue on the busy timeout.
            let threadPool = NIOThreadPool(numberOfThreads: 1)
            threadPool.start()
            let source = ServerSQLiteConnectionSource(path: path, threadPool: threadPool)
            let pool = EventLoopGroupConnectionPool(
                source: source,
                maxConnectionsPerEventLoop: 1,
                // Every query of the process queues for the one connection: a burst on a busy machine may wait.
                requestTimeout: .seconds(30),
                pruneInterval: nil,
                logger: logger,
                on: eventLoops.next()
            )
            return Database(
                kind: .sqlite,
                sql: PooledSQLiteDatabase(pool: pool, logger: logger).sql(queryLogLevel: nil),
                redactedDescription: settings.redactedDescription,
                sqliteFile: path,
                pool: PoolCloser(pool: pool, threadPool: threadPool, connections: source.connections)
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
    /// Inside `body`, use only the session it is given: on SQLite the pool has one connection, which the
    /// transaction holds, so a query through ``sql`` would wait for it until the pool's timeout.
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
        guard
            !isClosed.withLock({ closed in
                defer { closed = true }
                return closed
            })
        else { return }
        try await pool.close()
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

/// A connection pool that is closed exactly once, by `close()` or, as a last resort, on deinit.
protocol ClosablePool: Sendable {
    func close() async throws
    func closeInBackground()
}

/// async-kit's pool guards its state with locks but predates `Sendable`; this is the one place we vouch for it.
struct PoolCloser<Source: ConnectionPoolSource>: ClosablePool, @unchecked Sendable {
    let pool: EventLoopGroupConnectionPool<Source>
    /// A thread pool owned by this pool's connections, stopped after they are all closed.
    var threadPool: NIOThreadPool?
    /// The connections running on `threadPool`.
    var connections: OpenSQLiteConnections?

    func close() async throws {
        try await pool.shutdownAsync()
        await stopThreadPool()
    }

    func closeInBackground() {
        pool.shutdownGracefully { _ in Task { await stopThreadPool() } }
    }

    /// Stops the thread pool once the connections on it are closed: a connection in use, or still opening,
    /// when the pool shut down is closed by the pool when it comes back, on this thread pool.
    private func stopThreadPool() async {
        await connections?.waitUntilAllClosed()
        try? await threadPool?.shutdownGracefully()
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
