import Crypto
import Foundation
import ServiceKit

/// Slows password guessing: after too many failed sign-ins for one account, or from one client, within
/// the window, further attempts are refused (429) until the oldest failure leaves the window.
///
/// Accounts are keyed by a salted hash of the email (a random salt per process), clients by their client
/// key (``ClientKeys``), so neither emails nor addresses are kept in memory in the clear.
struct SignInThrottle: Sendable {
    let perAccount: FailureThrottle
    let perClient: FailureThrottle
    private let salt = SymmetricKey(size: .bits256)

    init(window: TimeInterval = 15 * 60, failuresPerAccount: Int = 5, failuresPerClient: Int = 20) {
        perAccount = FailureThrottle(limit: failuresPerAccount, window: window)
        perClient = FailureThrottle(limit: failuresPerClient, window: window)
    }

    /// Seconds until another attempt is allowed, or `nil` when one is allowed now.
    func retryAfter(email: String, client: String?, now: Date = Date()) -> Int? {
        [perAccount.retryAfter(accountKey(email), now: now), perClient.retryAfter(client ?? "unknown", now: now)].compactMap { $0 }.max()
    }

    func recordFailure(email: String, client: String?, now: Date = Date()) {
        perAccount.recordFailure(accountKey(email), now: now)
        perClient.recordFailure(client ?? "unknown", now: now)
    }

    func recordSuccess(email: String) {
        perAccount.reset(accountKey(email))
    }

    private func accountKey(_ email: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(email.lowercased().utf8), using: salt)).prefix(16).base64EncodedString()
    }
}
