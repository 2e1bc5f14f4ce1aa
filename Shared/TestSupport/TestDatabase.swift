import Foundation
import Logging
import Persistence
import SQLKit

/// The databases the contract suites run on: SQLite always, PostgreSQL when
/// `OPENMEDIA_TEST_POSTGRES_URL` names a server where the tests may create databases.
public enum TestDatabases {
    /// The admin URL of the test PostgreSQL server, if any.
    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["OPENMEDIA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Every database kind available to this run; use as `@Test(arguments: TestDatabases.kinds)`.
    public static var kinds: [DatabaseKind] {
        postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    }
}

/// A fresh, empty database for one test, removed by ``drop()``.
public struct TemporaryDatabase: Sendable {
    /// Settings that point at the new database.
    public let settings: DatabaseSettings
    private let cleanup: @Sendable () async throws -> Void

    /// Creates an empty database of `kind`: an SQLite file in a new directory, or a new PostgreSQL database.
    public static func create(_ kind: DatabaseKind) async throws -> TemporaryDatabase {
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        switch kind {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-test-\(suffix)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            return TemporaryDatabase(settings: .sqlite(path: directory.appendingPathComponent("test.sqlite").path)) {
                try? FileManager.default.removeItem(at: directory)
            }
        case .postgres:
            guard let adminURL = TestDatabases.postgresURL, var components = URLComponents(string: adminURL) else {
                throw TestDatabaseError.postgresNotConfigured
            }
            let name = "openmedia_test_\(suffix)"
            try await withAdminConnection(adminURL) { try await $0.raw("CREATE DATABASE \(ident: name)").run() }
            components.path = "/\(name)"
            return TemporaryDatabase(settings: .postgres(url: components.string!)) {
                try await withAdminConnection(adminURL) { try await $0.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
            }
        }
    }

    /// Opens a pool on the database; close it before ``drop()``.
    public func open() throws -> Database {
        try Database.open(settings, logger: Logger(label: "test-database"))
    }

    /// Removes the database.
    public func drop() async throws {
        try await cleanup()
    }

    /// Runs administrative SQL on the PostgreSQL test server (e.g. to take a database offline).
    public static func withAdminConnection(_ url: String, _ body: @Sendable (any SQLDatabase) async throws -> Void) async throws {
        let admin = try Database.open(.postgres(url: url), logger: Logger(label: "test-admin"))
        do {
            try await body(admin.sql)
            try await admin.close()
        } catch {
            try? await admin.close()
            throw error
        }
    }
}

/// Why a test database could not be made.
public enum TestDatabaseError: Error {
    /// A PostgreSQL test ran without `OPENMEDIA_TEST_POSTGRES_URL`.
    case postgresNotConfigured
}

/// Runs `body` with an open database of `kind`, then closes and drops it, even when `body` throws.
public func withTemporaryDatabase<Result>(
    _ kind: DatabaseKind, _ body: (Database, TemporaryDatabase) async throws -> Result
) async throws -> Result {
    let temporary = try await TemporaryDatabase.create(kind)
    let database = try temporary.open()
    do {
        let result = try await body(database, temporary)
        try await database.close()
        try await temporary.drop()
        return result
    } catch {
        try? await database.close()
        try? await temporary.drop()
        throw error
    }
}
