import SQLKit

/// One named, ordered change to a service's schema or reference data.
///
/// A migration runs once, in a transaction; its name is recorded so it never runs again. Never edit
/// or rename a migration that has shipped: add a new one.
public struct Migration: Sendable {
    /// The unique name recorded in `schema_migrations`, e.g. `0001_create_appeals`.
    public let name: String
    /// Applies the change; `kind` lets the few statements whose SQL differs branch.
    public let apply: @Sendable (_ database: any SQLDatabase, _ kind: DatabaseKind) async throws -> Void

    /// Creates a migration from a closure.
    public init(_ name: String, apply: @escaping @Sendable (any SQLDatabase, DatabaseKind) async throws -> Void) {
        self.name = name
        self.apply = apply
    }

    /// Creates a migration from SQL statements that read the same on both databases.
    public init(_ name: String, statements: [String]) {
        self.init(name) { database, _ in
            for statement in statements {
                try await database.raw(SQLQueryString(statement)).run()
            }
        }
    }
}
