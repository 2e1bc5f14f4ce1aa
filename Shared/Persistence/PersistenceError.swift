/// Why the persistence layer could not do what was asked, worded for the operator who must fix it.
public enum PersistenceError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `DATABASE_URL` is malformed or not a PostgreSQL URL.
    case invalidDatabaseURL(String)
    /// The database could not be reached or opened.
    case unreachable(String)
    /// A migration failed; nothing of it was kept.
    case migrationFailed(name: String, reason: String)
    /// Two migrations share a name, so the record of what ran would be ambiguous.
    case duplicateMigration(String)

    public var description: String {
        switch self {
        case .invalidDatabaseURL(let message): message
        case .unreachable(let message): message
        case .migrationFailed(let name, let reason): "migration \(name) failed and was rolled back: \(reason)"
        case .duplicateMigration(let name): "two migrations are named \(name)"
        }
    }
}
