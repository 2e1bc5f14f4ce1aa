import SQLiteNIO
import Synchronization

/// The SQLite connections a pool's source has opened, or is opening, and not yet seen closed.
///
/// SQLiteNIO closes a connection on the thread pool it was opened with, and a connection that could not
/// close traps in its deinit in a debug build. The pool closes connections still in use, or still opening,
/// when they come back to it, which can be after its shutdown has returned; the thread pool is stopped only
/// once this says every connection is closed.
final class OpenSQLiteConnections: Sendable {
    private struct State {
        var opening = 0
        var opened: [SQLiteConnection] = []
    }

    private let state = Mutex(State())

    /// Notes that a connection is being opened; call ``opened(_:)`` or ``failedToOpen()`` after.
    func willOpen() {
        state.withLock { $0.opening += 1 }
    }

    /// Notes a connection that is now open.
    func opened(_ connection: SQLiteConnection) {
        state.withLock { state in
            state.opening -= 1
            state.opened.removeAll(where: \.isClosed)
            state.opened.append(connection)
        }
    }

    /// Notes an opening that failed, leaving no connection behind.
    func failedToOpen() {
        state.withLock { $0.opening -= 1 }
    }

    /// Whether no connection is opening and every opened one is closed.
    var allClosed: Bool {
        state.withLock { state in
            state.opened.removeAll(where: \.isClosed)
            return state.opening == 0 && state.opened.isEmpty
        }
    }

    /// Returns once ``allClosed`` holds; checked every few milliseconds, as closing happens on other threads.
    func waitUntilAllClosed() async {
        while !allClosed {
            // Not cancellable: giving up here is what this waits to prevent.
            await withCheckedContinuation { continuation in
                Task.detached {
                    try? await Task.sleep(for: .milliseconds(5))
                    continuation.resume()
                }
            }
        }
    }
}
