import Foundation
import Logging
import Models
import Persistence
import ServiceKit

/// Creates the first admin when the directory is empty, so a new deployment can be signed into.
///
/// Credentials come from `OPENMEDIA_ADMIN_EMAIL` and `OPENMEDIA_ADMIN_PASSWORD`(`_FILE`). The local
/// `openmedia` run, which has neither, generates a password and writes it once to a file only its
/// owner can read. Nothing happens when any user exists, so a restart never resets a password.
struct AdminBootstrap {
    static let localAdminEmail = "admin@openmedia.local"
    static let displayName = "Administrator"

    let users: UserRepository
    let hasher: PasswordHasher
    let audit: AuditRepository
    let settings: GatewaySettings
    let logger: Logger

    func run() async throws {
        guard try await users.count() == 0 else { return }
        let email: String
        let password: String
        if let configuredEmail = settings.adminEmail, let configuredPassword = settings.adminPassword {
            email = configuredEmail
            password = configuredPassword
        } else if let file = settings.adminCredentialsFile {
            email = Self.localAdminEmail
            password = SecureToken.random(bytes: 18)
            let contents = "email: \(email)\npassword: \(password)\n"
            guard FileManager.default.createFile(atPath: file, contents: Data(contents.utf8), attributes: [.posixPermissions: 0o600]) else {
                throw ConfigurationError(setting: "OPENMEDIA_DATA_DIR", problem: "cannot write \(file)")
            }
            logger.notice("created the first admin; credentials are in the file", metadata: ["file": .string(file)])
        } else {
            throw ConfigurationError(
                setting: "OPENMEDIA_ADMIN_EMAIL",
                problem: "the directory has no users: set OPENMEDIA_ADMIN_EMAIL and OPENMEDIA_ADMIN_PASSWORD (or _FILE) to create the first admin"
            )
        }
        let now = Date()
        var admin = User(
            id: .v7(), email: EmailAddress.normalized(email), displayName: Self.displayName, passwordHash: "", roles: [.admin],
            organizationID: nil, isDisabled: false, version: 1, createdAt: now, updatedAt: now
        )
        // The same rules as an admin creating an account; only the email and the password can break them here.
        var errors = FieldErrors()
        admin.check(into: &errors)
        if let problem = errors.messages["email"] { throw ConfigurationError(setting: "OPENMEDIA_ADMIN_EMAIL", problem: problem) }
        if let problem = PasswordHasher.problem(with: password) { throw ConfigurationError(setting: "OPENMEDIA_ADMIN_PASSWORD", problem: problem) }
        admin.passwordHash = try await hasher.hash(password)
        try await users.database.transaction { [users, audit, admin] session in
            try await users.insert(admin, on: session)
            try await audit.record(
                .userCreated, by: AuditEntry.systemActor, target: .user, id: admin.id.text,
                details: ["roles": "admin", "reason": "bootstrap"], on: session)
        }
    }
}
