import Foundation
import Logging
import Persistence
import SQLKit
import Testing

/// SQLite files hold sealed personal data and tracking-code hashes: readable by their owner only.
@Suite struct SQLiteFileModeTests {
    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test func aNewDatabaseAndItsWriteAheadFilesAre0600InA0700Directory() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-mode-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        // Even with the usual umask, which would leave them readable to every local user.
        let previous = umask(0o022)
        defer { umask(previous) }
        let path = root.appendingPathComponent("data").appendingPathComponent("appeals.sqlite").path
        let database = try Database.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await database.sql.raw("CREATE TABLE t (x TEXT)").run()
        try await database.sql.raw("INSERT INTO t (x) VALUES ('secret')").run()
        for file in [path, path + "-wal", path + "-shm"] {
            #expect(FileManager.default.fileExists(atPath: file), "\(file) should exist in WAL mode")
            #expect(try Self.mode(file) == 0o600, "\(file)")
        }
        #expect(try Self.mode(URL(fileURLWithPath: path).deletingLastPathComponent().path) == 0o700)
        try await database.close()
    }

    @Test func anExistingDatabaseLeftReadableIsTightened() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-mode-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("appeals.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o644]))
        let database = try Database.open(.sqlite(path: path), logger: Logger(label: "test"))
        try await database.sql.raw("CREATE TABLE t (x TEXT)").run()
        #expect(try Self.mode(path) == 0o600)
        try await database.close()
    }
}
