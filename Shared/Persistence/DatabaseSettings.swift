import Foundation

/// Where a service keeps its data: PostgreSQL when `DATABASE_URL` is set, otherwise an SQLite file.
public enum DatabaseSettings: Equatable, Sendable {
    /// A PostgreSQL server, named by a `postgres://` or `postgresql://` URL.
    case postgres(url: String)
    /// An SQLite database file.
    case sqlite(path: String)

    /// PostgreSQL when `databaseURL` is set (from `DATABASE_URL`), otherwise SQLite at
    /// `<dataDirectory>/<serviceName>.sqlite`.
    ///
    /// - Throws: ``PersistenceError/invalidDatabaseURL(_:)`` for a URL that is not PostgreSQL's.
    public init(databaseURL: String?, dataDirectory: String, serviceName: String) throws(PersistenceError) {
        if let url = databaseURL, !url.isEmpty {
            guard let scheme = URL(string: url)?.scheme, ["postgres", "postgresql"].contains(scheme) else {
                throw .invalidDatabaseURL("DATABASE_URL must be a postgres:// URL (or unset to use SQLite)")
            }
            self = .postgres(url: url)
        } else {
            self = .sqlite(path: URL(fileURLWithPath: dataDirectory).appendingPathComponent("\(serviceName).sqlite").path)
        }
    }

    /// The database kind these settings select.
    public var kind: DatabaseKind {
        switch self {
        case .postgres: .postgres
        case .sqlite: .sqlite
        }
    }

    /// Where the data is, safe to log: host, port and database for PostgreSQL (never the password).
    public var redactedDescription: String {
        switch self {
        case .postgres(let url):
            guard let components = URLComponents(string: url) else { return "PostgreSQL" }
            let port = components.port.map(String.init) ?? "5432"
            return "PostgreSQL at \(components.host ?? "localhost"):\(port)\(components.path)"
        case .sqlite(let path):
            return "SQLite at \(path)"
        }
    }
}

/// The two databases the platform runs on; SQL that differs between them branches on this.
public enum DatabaseKind: String, Sendable {
    case postgres
    case sqlite

    /// The column type for raw bytes.
    public var bytesType: String { self == .postgres ? "BYTEA" : "BLOB" }
}
