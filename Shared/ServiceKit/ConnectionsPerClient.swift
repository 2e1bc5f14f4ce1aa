import NIOCore
import Synchronization

/// Caps the connections one client may hold open at once, so that no one client can take all of a
/// server's sockets; a connection over the cap is closed as soon as it is accepted.
public final class ConnectionsPerClient: Sendable {
    /// The most connections one client may hold open.
    public let limit: Int
    /// Names the client of a peer address (e.g. by its network), or `nil` for a peer exempt from the cap.
    private let client: @Sendable (String) -> String?
    private let open = Mutex<[String: Int]>([:])

    /// Creates a cap of `limit` connections per client, as `client` names clients.
    public init(limit: Int, client: @escaping @Sendable (_ peerAddress: String) -> String?) {
        self.limit = limit
        self.client = client
    }

    /// Counts `channel` against its client until it closes; `false` when the client is at the cap.
    func admit(_ channel: any Channel) -> Bool {
        guard let peer = channel.remoteAddress?.ipAddress, let client = client(peer) else { return true }
        let isAdmitted = open.withLock { open in
            guard open[client, default: 0] < limit else { return false }
            open[client, default: 0] += 1
            return true
        }
        guard isAdmitted else { return false }
        channel.closeFuture.whenComplete { [self] _ in
            self.open.withLock { open in
                open[client, default: 1] -= 1
                if open[client] == 0 { open[client] = nil }
            }
        }
        return true
    }
}

/// Refused: the client holds as many connections as it may.
struct TooManyConnections: Error {}
