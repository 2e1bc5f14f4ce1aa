import Foundation
import Persistence

/// Everything a database holds, byte for byte, for tests that prove personal data and codes are sealed or
/// hashed at rest: the SQLite file with its write-ahead log, or a full `pg_dump`.
public struct RawDatabase: Sendable {
    /// The raw contents.
    public let contents: Data

    /// Reads all of `database` but `tables` (which may hold what the test looks for by design, as a thesaurus
    /// names the codes its appeals hold sealed): without them, SQLite's is a vacuumed copy.
    public init(_ database: DatabaseSettings, excludingTables tables: [String] = []) throws {
        switch database {
        case .sqlite(let path) where tables.isEmpty:
            contents = Self.files(path)
        case .sqlite(let path):
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("raw-copy-\(UUID().uuidString)").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
            try Self.run(["sqlite3", copy, tables.map { "DROP TABLE \($0);" }.joined() + "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"])
            contents = Self.files(copy)
        case .postgres(let url):
            let dump = try Self.run(["pg_dump", "--no-owner"] + tables.map { "--exclude-table=\($0)" } + [url])
            guard !dump.isEmpty else { throw ServiceHarnessError("pg_dump wrote nothing") }
            contents = dump
        }
    }

    /// Whether `text` is in the database as it is, or as hex (how `pg_dump` writes bytes).
    public func holds(_ text: String) -> Bool {
        let hex = Data(text.utf8).map { String(format: "%02x", $0) }.joined()
        return contents.range(of: Data(text.utf8)) != nil || contents.range(of: Data(hex.utf8)) != nil
    }

    /// A SQLite database's file and its write-ahead log.
    private static func files(_ path: String) -> Data {
        [path, path + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.reduce(Data(), +)
    }

    @discardableResult
    private static func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServiceHarnessError("\(arguments[0]) failed (exit \(process.terminationStatus))") }
        return data
    }
}
