import Crypto
import Foundation
import ServiceKit

/// Slows password guessing without handing anyone a way to lock an owner out.
///
/// - Per account and client: a few free failures, then each further attempt waits twice as long as the
///   last (1 s, 2 s, 4 s … up to ``maxDelay``). A client that has not failed on an account is
///   never held back on it, so an attacker's failures from one address cannot refuse the owner's correct
///   password from another.
/// - Per account, across clients (the global ceiling): once an account has had ``ceiling`` failures in
///   the window, every client that has failed on it loses its free failures, so many addresses guessing
///   one account are slowed from their first failure. It only slows: clients without failures on the
///   account still sign in.
/// - Per client, across accounts: a client spraying many accounts is refused until its failures leave
///   the window.
///
/// Accounts are keyed by a salted hash of the normalised email (a random salt per process), clients by
/// their client key (``ClientKeys``), so neither emails nor addresses are kept in memory in the clear.
/// State is per replica: behind several replicas an attacker gets at most that many times the attempts.
struct SignInThrottle: Sendable {
    /// Failures per account and client before the back-off starts.
    static let freeFailures = 3
    /// Failures per account, from all clients, within the window before every failing client is slowed.
    static let ceiling = 20
    /// Failures per client, over all accounts, within the window before the client is refused.
    static let failuresPerClient = 20
    /// The window of the account ceiling and the per-client limit.
    static let window: TimeInterval = 15 * 60

    /// The wait after the first failure beyond the free ones; it doubles with each further failure.
    static let initialDelay: TimeInterval = 1
    /// The longest wait between two attempts.
    static let maxDelay: TimeInterval = 15 * 60
    /// A pair with no failure for this long starts afresh.
    static let forgetAfter: TimeInterval = 24 * 60 * 60

    let perPair: FailureBackoff
    let perAccount: FailureThrottle
    let perClient: FailureThrottle
    private let salt = SymmetricKey(size: .bits256)

    init(
        freeFailures: Int = Self.freeFailures, ceiling: Int = Self.ceiling, failuresPerClient: Int = Self.failuresPerClient,
        window: TimeInterval = Self.window
    ) {
        perPair = FailureBackoff(
            freeFailures: freeFailures, initialDelay: Self.initialDelay, maxDelay: Self.maxDelay, forgetAfter: Self.forgetAfter
        )
        perAccount = FailureThrottle(limit: ceiling, window: window)
        perClient = FailureThrottle(limit: failuresPerClient, window: window)
    }

    /// Seconds until `client` may try `email` again, or `nil` when it may try now.
    func retryAfter(email: String, client: String?, now: Date = Date()) -> Int? {
        let account = accountKey(email)
        let client = client ?? "unknown"
        let isUnderAttack = perAccount.retryAfter(account, now: now) != nil
        return [
            perPair.retryAfter(pairKey(account, client), ignoringFreeFailures: isUnderAttack, now: now),
            perClient.retryAfter(client, now: now),
        ].compactMap { $0 }.max()
    }

    func recordFailure(email: String, client: String?, now: Date = Date()) {
        let account = accountKey(email)
        let client = client ?? "unknown"
        perPair.recordFailure(pairKey(account, client), now: now)
        perAccount.recordFailure(account, now: now)
        perClient.recordFailure(client, now: now)
    }

    /// Forgets the client's failures on the account: the right password proves it was not guessing.
    /// The account's count stays, since an attack on it from elsewhere has not stopped.
    func recordSuccess(email: String, client: String?) {
        perPair.reset(pairKey(accountKey(email), client ?? "unknown"))
    }

    private func accountKey(_ email: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(EmailAddress.normalized(email).utf8), using: salt)).prefix(16).base64EncodedString()
    }

    private func pairKey(_ account: String, _ client: String) -> String {
        account + " " + client
    }
}
