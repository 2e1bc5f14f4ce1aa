@preconcurrency import AsyncKit
import Logging
import NIOCore
import NIOPosix
import SQLiteKit

/// Opens SQLite connections configured for a server: WAL, foreign keys on, and a busy timeout so that
/// concurrent writers wait for the lock instead of failing at once.
struct ServerSQLiteConnectionSource: ConnectionPoolSource {
    let base: SQLiteConnectionSource
    /// Every connection this source opens, so their thread pool is stopped only after they are closed.
    let connections = OpenSQLiteConnections()

    init(path: String, threadPool: NIOThreadPool) {
        base = SQLiteConnectionSource(
            configuration: .init(storage: .file(path: path), enableForeignKeys: true), threadPool: threadPool
        )
    }

    func makeConnection(logger: Logger, on eventLoop: any EventLoop) -> EventLoopFuture<SQLiteConnection> {
        connections.willOpen()
        return base.makeConnection(logger: logger, on: eventLoop).always { [connections] opening in
            switch opening {
            case .success(let connection): connections.opened(connection)
            case .failure: connections.failedToOpen()
            }
        }
        .flatMap { connection in
            connection.query("PRAGMA busy_timeout = 30000")
                .flatMap { _ in connection.query("PRAGMA synchronous = NORMAL") }
                .flatMap { _ in connection.query("PRAGMA journal_mode") }
                .flatMap { rows -> EventLoopFuture<Void> in
                    // Switching to WAL takes an exclusive lock; connections that find it already set
                    // (it persists in the file) skip the switch, so concurrent opens don't contend for it.
                    let mode = rows.first?.column("journal_mode")?.string?.lowercased()
                    return mode == "wal" ? eventLoop.makeSucceededVoidFuture() : connection.query("PRAGMA journal_mode = WAL").map { _ in }
                }
                .map { connection }
                .flatMapErrorThrowing { error in
                    _ = connection.close()
                    throw error
                }
        }
    }
}

/// An `SQLiteDatabase` that borrows a connection from a pool for each query or session.
struct PooledSQLiteDatabase: SQLiteDatabase {
    let pool: EventLoopGroupConnectionPool<ServerSQLiteConnectionSource>
    let logger: Logger

    var eventLoop: any EventLoop { pool.eventLoopGroup.any() }

    func query(
        _ query: String,
        _ binds: [SQLiteData],
        logger: Logger,
        _ onRow: @escaping @Sendable (SQLiteRow) -> Void
    ) -> EventLoopFuture<Void> {
        pool.withConnection(logger: logger) { $0.query(query, binds, logger: logger, onRow) }
    }

    func withConnection<T>(_ closure: @escaping @Sendable (SQLiteConnection) -> EventLoopFuture<T>) -> EventLoopFuture<T> {
        pool.withConnection(logger: logger, closure)
    }
}
