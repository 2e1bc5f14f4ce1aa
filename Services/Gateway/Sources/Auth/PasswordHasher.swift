import HummingbirdBcrypt
import NIOPosix

/// Hashes and checks passwords with bcrypt on a thread pool, never on an event loop: one bcrypt at
/// cost 12 takes a few hundred milliseconds, which would stall every connection on that loop.
struct PasswordHasher: Sendable {
    /// The bcrypt cost; at least 10.
    let cost: UInt8

    /// A hash of `password` computed once at start-up, checked against when an email is unknown, so an
    /// unknown email takes as long to refuse as a wrong password.
    let decoyHash: String

    init(cost: UInt8) {
        self.cost = cost
        decoyHash = Bcrypt.hash("decoy password for unknown accounts", cost: cost)
    }

    func hash(_ password: String) async throws -> String {
        let cost = self.cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    func verify(_ password: String, against hash: String) async throws -> Bool {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) }
    }

    /// The fewest characters a new password may have.
    static let minimumCharacters = 12
    /// The most UTF-8 bytes a new password may have: bcrypt ignores the rest.
    static let maximumBytes = 72

    /// Why a new password is refused, or `nil` when it is acceptable.
    static func problem(with password: String) -> String? {
        if password.count < minimumCharacters { return "must be at least \(minimumCharacters) characters" }
        if password.utf8.count > maximumBytes { return "must be at most \(maximumBytes) bytes (bcrypt ignores the rest)" }
        return nil
    }
}
