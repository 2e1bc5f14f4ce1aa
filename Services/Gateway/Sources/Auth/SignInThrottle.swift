import Crypto
import Foundation
import NIOCore
import Synchronization

/// Slows password guessing: after too many failed sign-ins for one account, or from one client, within
/// the window, further attempts are refused (429) until the oldest failure leaves the window.
///
/// Both keys are salted hashes (a random salt per process), so neither emails nor client addresses are
/// kept in memory in the clear. State is per replica; the window is short, so that is enough.
final class SignInThrottle: Sendable {
    let window: TimeInterval
    let failuresPerAccount: Int
    let failuresPerClient: Int
    private let salt = SecureToken.random(bytes: 16)
    private let failures = Mutex([String: [Date]]())

    init(window: TimeInterval = 15 * 60, failuresPerAccount: Int = 5, failuresPerClient: Int = 20) {
        self.window = window
        self.failuresPerAccount = failuresPerAccount
        self.failuresPerClient = failuresPerClient
    }

    /// Seconds until another attempt is allowed, or `nil` when one is allowed now.
    func retryAfter(email: String, client: SocketAddress?, now: Date = Date()) -> Int? {
        let keys = [(accountKey(email), failuresPerAccount), (clientKey(client), failuresPerClient)]
        return failures.withLock { failures in
            keys.compactMap { key, limit -> Int? in
                let recent = (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
                failures[key] = recent.isEmpty ? nil : recent
                guard recent.count >= limit, let oldest = recent.first else { return nil }
                return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
            }.max()
        }
    }

    func recordFailure(email: String, client: SocketAddress?, now: Date = Date()) {
        failures.withLock { failures in
            for key in [accountKey(email), clientKey(client)] {
                failures[key, default: []].append(now)
            }
            // Bound memory under a spray of random emails: forget windows that have fully passed.
            if failures.count > 100_000 {
                failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            }
        }
    }

    func recordSuccess(email: String) {
        failures.withLock { _ = $0.removeValue(forKey: accountKey(email)) }
    }

    private func accountKey(_ email: String) -> String {
        "account:" + hash(email.lowercased())
    }

    private func clientKey(_ address: SocketAddress?) -> String {
        "client:" + hash(address?.ipAddress ?? "unknown")
    }

    private func hash(_ text: String) -> String {
        SHA256.hash(data: Data((salt + text).utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
