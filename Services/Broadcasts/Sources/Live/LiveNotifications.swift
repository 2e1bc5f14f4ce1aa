import Foundation
import Logging
import NIOPosix
import Persistence
import PostgresKit
import PostgresNIO
import SQLKit
import ServiceLifecycle
import Synchronization

/// Carries the wake-ups of live streams between replicas on PostgreSQL: a replica that committed a change
/// sends `NOTIFY` with the episode's ID, and every replica `LISTEN`s on one connection of its own and wakes
/// its streams of that episode. A lost connection is opened again; meanwhile streams still poll the feed.
struct LiveNotifications: Service {
    /// The channel's name: one per database, so one per service.
    static let channel = "broadcasts_questions"
    /// The wait before listening again after the connection failed.
    static let retryDelay: Duration = .seconds(1)

    let url: String
    let signal: LiveSignal
    let logger: Logger

    /// Sends the notices for `episodes`, after their change was committed.
    static func notify(_ episodes: Set<UUID>, on database: Database) async {
        for episode in episodes {
            // A lost notice costs only latency: the other replicas' streams poll.
            try? await database.sql.raw("SELECT pg_notify(\(bind: channel), \(bind: episode.text))").run()
        }
    }

    func run() async throws {
        let current = Mutex<PostgresConnection?>(nil)
        let stopping = Mutex(false)
        await withGracefulShutdownHandler {
            while !stopping.withLock({ $0 }) && !Task.isCancelled {
                do {
                    let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
                    let connection = try await PostgresConnection.connect(
                        on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: logger
                    ).get()
                    current.withLock { $0 = connection }
                    if stopping.withLock({ $0 }) { try? await connection.close() }
                    // Cancelling (a test, the application's end) closes the connection, which ends the loop.
                    try await withTaskCancellationHandler {
                        try await connection.listen(on: Self.channel) { notifications in
                            for try await notification in notifications {
                                if let episode = UUID(uuidString: notification.payload) { signal.wake([episode]) }
                            }
                        }
                    } onCancel: {
                        connection.close().whenComplete { _ in }
                    }
                } catch {
                    if !stopping.withLock({ $0 }) {
                        logger.warning("live notifications: listening failed; streams poll the feed meanwhile", metadata: ["error": "\(type(of: error))"])
                    }
                }
                if let connection = current.withLock({ value in
                    defer { value = nil }
                    return value
                }) {
                    try? await connection.close()
                }
                if !stopping.withLock({ $0 }) { try? await Task.sleep(for: Self.retryDelay) }
            }
        } onGracefulShutdown: {
            stopping.withLock { $0 = true }
            // Closing the connection ends the listening loop.
            if let connection = current.withLock({ $0 }) { connection.close().whenComplete { _ in } }
        }
    }
}
