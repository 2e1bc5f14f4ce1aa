@testable import Appeals
import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Persistence
import SQLKit
import Testing
import TestSupport

/// Sex, age group and vulnerable groups: never shown to councils, sealed at rest, counted without being read.
@Suite struct AppealSpecialCategoryTests {
    static let councilKeys: Set<String> = [
        "id", "status", "regionCode", "categoryCode", "channel", "receivedAt", "verifiedAt", "answeredAt", "closedAt",
        "responseDueAt", "isOverdue", "publicTitle", "publicSummary",
    ]
    static let sensitiveCouncilKeys: Set<String> = ["id", "status", "regionCode", "responseDueAt", "isOverdue"]

    @Test(arguments: TestDatabases.kinds)
    func aCouncilSeesOnlyTheAllowListAndLessForSensitiveAppeals(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let admin = try await h.token()
            let council = try #require(try await h.send(.post, "/api/v1/organizations", token: admin, json: [
                "type": "public_council", "name": ["ky": "Нарын кеңеши"], "regionCode": "KG-N",
            ]).json?["id"] as? String)
            let member = try await h.user(["council_member"], organization: council, admin: admin).token
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(
                submitter: ["name": "Aigul", "gender": "female", "ageGroup": "18_29", "vulnerableGroups": ["lgbti"]]
            )).json?["id"] as? String)
            try await h.change(.patch, id, "", token: admin, json: ["staffSummary": "Lives with her aunt"])
            try await h.transition(id, to: "in_verification", token: admin)
            try await h.transition(id, to: "verified", token: admin)
            try await h.transition(id, to: "answered", token: admin)
            try await h.transition(id, to: "closed", token: admin)
            try await h.change(.post, id, "/publication", token: admin, json: ["title": ["en": "A school"], "summary": ["en": "Refused"]])

            let seen = try await h.send(.get, "/api/v1/appeals/\(id)", token: member)
            #expect(seen.status == .ok)
            #expect(Set(seen.json?.keys ?? [:].keys) == Self.councilKeys)
            let listed = try #require((try await h.send(.get, "/api/v1/appeals", token: member).json?["items"] as? [[String: Any]])?.first)
            #expect(Set(listed.keys) == Self.councilKeys)
            for text in ["lgbti", "female", "18_29", "aunt", "At-Bashy", "Aigul"] { #expect(!seen.text.contains(text), "\(text)") }
            // Staff still see everything.
            let full = try await h.send(.get, "/api/v1/appeals/\(id)", token: admin)
            #expect(full.json?["vulnerableGroups"] as? [String] == ["lgbti"])
            #expect(full.json?["gender"] as? String == "female")

            try await h.change(.patch, id, "", token: admin, json: ["isSensitive": true])
            let sensitive = try await h.send(.get, "/api/v1/appeals/\(id)", token: member)
            #expect(Set(sensitive.json?.keys ?? [:].keys) == Self.sensitiveCouncilKeys)
            let sensitiveListed = try #require((try await h.send(.get, "/api/v1/appeals", token: member).json?["items"] as? [[String: Any]])?.first)
            #expect(Set(sensitiveListed.keys) == Self.sensitiveCouncilKeys)
            // Nor can filters find out what is withheld: staff summaries, or a sensitive appeal's category.
            func listedCount(_ query: String) async throws -> Int? {
                (try await h.send(.get, "/api/v1/appeals\(query)", token: member).json?["items"] as? [Any])?.count
            }
            #expect(try await listedCount("?q=aunt") == 0)
            #expect(try await listedCount("?categoryCode=education") == 0)
            #expect(try await listedCount("?receivedFrom=2020-01-01T00:00:00Z") == 0)
            #expect(try await listedCount("?status=closed") == 1)
            #expect((try await h.send(.get, "/api/v1/appeals?q=aunt", token: admin).json?["items"] as? [Any])?.count == 1)
            let caseFile = try await h.send(.get, "/api/v1/appeals/\(id)/history", token: member)
            #expect(caseFile.status == .ok)
            #expect((caseFile.json?["entries"] as? [Any])?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func demographicsAreSealedAtRest(kind: DatabaseKind) async throws {
        let canary = "canary_\(UUID().uuidString.prefix(8).lowercased())"
        let contents = try await AppealsHarness.with(kind) { h in
            let admin = try await h.token()
            #expect(try await h.send(.post, "/api/v1/appeals/vulnerable-groups", token: admin, json: [
                "code": canary, "name": ["ky": "к", "ru": "к", "en": "Canary"],
            ]).status == .created)
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(
                submitter: ["gender": "other", "ageGroup": "60_plus", "vulnerableGroups": [canary]]
            )).json?["id"] as? String)
            let full = try await h.send(.get, "/api/v1/appeals/\(id)", token: admin)
            #expect(full.json?["vulnerableGroups"] as? [String] == [canary])
            #expect(full.json?["ageGroup"] as? String == "60_plus")
            try await Self.withDatabase(h) { database in
                let plain = try await database.sql.raw("SELECT gender, age_group, vulnerable_groups FROM appeals").all()
                #expect(plain.count == 1)
                for row in plain {
                    #expect(try row.decode(column: "gender", as: String?.self) == nil)
                    #expect(try row.decode(column: "age_group", as: String?.self) == nil)
                    #expect(try row.decode(column: "vulnerable_groups", as: String.self) == "")
                }
            }
            return try Self.rawContents(of: h.appealsDatabase, excludingTables: ["vulnerable_groups", "appeal_counts", "appeal_indicator_counts"])
        }
        // The thesaurus names the group and the counters count it; the appeal itself holds it only sealed.
        #expect(contents.range(of: Data(canary.utf8)) == nil)
        #expect(contents.range(of: Data(Data(canary.utf8).map { String(format: "%02x", $0) }.joined().utf8)) == nil)
        #expect(contents.range(of: Data("60_plus".utf8)) == nil)
        #expect(contents.range(of: Data("At-Bashy".utf8)) != nil)  // the raw contents do hold the appeal
    }

    @Test(arguments: TestDatabases.kinds)
    func appealsStoredByTheOldSchemaAreCountedAndSealedWithoutLoss(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let admin = try await h.token()
            var ids: [String] = []
            for _ in 0..<5 { ids.append(try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)) }
            let settings = try AppealsSettings(reader: TestConfiguration.reader(for: AppealsService.definition, database: h.appealsDatabase))
            try await Self.withDatabase(h) { database in
                // As the first schema left them: demographics in plain columns only, no counters yet.
                for id in ids {
                    try await database.sql.raw("""
                        UPDATE appeals SET gender = 'female', age_group = '18_29', vulnerable_groups = 'lgbti,women', submitter_sealed = NULL
                        WHERE id = \(bind: id.lowercased())
                        """).run()
                }
                try await database.sql.raw("DROP TABLE appeal_counts").run()
                try await AppealsMigrations.counters.apply(database.sql, database.kind)
                let sealing = DemographicsSealing(database: database, cipher: settings.cipher)
                #expect(try await sealing.run(logger: Logger(label: "test")) == 5)
                #expect(try await sealing.run(logger: Logger(label: "test")) == 0, "a second run changes nothing")
            }
            let full = try await h.send(.get, "/api/v1/appeals/\(ids[0])", token: admin)
            #expect(full.json?["gender"] as? String == "female")
            #expect(full.json?["ageGroup"] as? String == "18_29")
            #expect(full.json?["vulnerableGroups"] as? [String] == ["lgbti", "women"])
            #expect(full.json?["isAnonymous"] as? Bool == true)
            let stats = try await h.send(.get, "/api/v1/appeals/stats", token: admin)
            #expect(stats.json?["byGender"] as? [String: Int] == ["female": 5])
            #expect(stats.json?["byVulnerableGroup"] as? [String: Int] == ["lgbti": 5, "women": 5])
        }
    }

    /// Opens the appeals service's database beside the running service.
    static func withDatabase(_ h: AppealsHarness, _ body: (Database) async throws -> Void) async throws {
        let database = try Database.open(h.appealsDatabase, logger: Logger(label: "test"))
        do {
            try await body(database)
            try await database.close()
        } catch {
            try? await database.close()
            throw error
        }
    }

    /// Every byte the database holds outside `tables`: a vacuumed SQLite copy without them, or a `pg_dump` excluding them.
    static func rawContents(of database: DatabaseSettings, excludingTables tables: [String]) throws -> Data {
        switch database {
        case .sqlite(let path):
            let copy = FileManager.default.temporaryDirectory.appendingPathComponent("appeals-copy-\(UUID().uuidString)").path
            defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: copy + suffix) } }
            for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: path + suffix) {
                try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
            }
            try run(["sqlite3", copy, tables.map { "DROP TABLE \($0);" }.joined() + "PRAGMA wal_checkpoint(TRUNCATE); VACUUM;"])
            return [copy, copy + "-wal"].compactMap { FileManager.default.contents(atPath: $0) }.reduce(Data(), +)
        case .postgres(let url):
            return try run(["pg_dump", "--no-owner"] + tables.map { "--exclude-table=\($0)" } + [url])
        }
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw HarnessError("\(arguments[0]) failed (exit \(process.terminationStatus))") }
        return data
    }
}
