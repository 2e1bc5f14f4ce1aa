import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import Persistence
import SQLKit
import TestSupport
import Testing

@testable import Appeals

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
            let admin = AppealsHarness.admin
            let member = TestIdentity.principal([.councilMember], organizationID: UUID(), organizationRegion: .naryn)
            let id = try await h.submit(
                AppealsHarness.submission(
                    submitter: ["name": "Aigul", "gender": "female", "ageGroup": "18_29", "vulnerableGroups": ["lgbti"]]
                )
            ).id
            try await h.change(.patch, id, "", as: admin, json: ["staffSummary": "Lives with her aunt"])
            try await h.transition(id, to: "in_verification")
            try await h.transition(id, to: "verified")
            try await h.transition(id, to: "answered")
            try await h.transition(id, to: "closed")
            try await h.change(.post, id, "/publication", json: ["title": ["en": "A school"], "summary": ["en": "Refused"]])

            let seen = try await h.send(.get, "/api/v1/appeals/\(id)", as: member)
            #expect(seen.status == .ok)
            #expect(try seen.decoded(as: FieldNames.self).names == Self.councilKeys)
            let listed = try #require(try await h.send(.get, "/api/v1/appeals", as: member).decoded(as: Items<FieldNames>.self).items.first)
            #expect(listed.names == Self.councilKeys)
            for text in ["lgbti", "female", "18_29", "aunt", "At-Bashy", "Aigul"] { #expect(!seen.text.contains(text), "\(text)") }
            // Staff still see everything.
            let full = try await h.send(.get, "/api/v1/appeals/\(id)", as: admin).decoded(as: AppealView.self)
            #expect(full.vulnerableGroups == ["lgbti"])
            #expect(full.gender == "female")

            try await h.change(.patch, id, "", as: admin, json: ["isSensitive": true])
            let sensitive = try await h.send(.get, "/api/v1/appeals/\(id)", as: member)
            #expect(try sensitive.decoded(as: FieldNames.self).names == Self.sensitiveCouncilKeys)
            let sensitiveListed = try #require(try await h.send(.get, "/api/v1/appeals", as: member).decoded(as: Items<FieldNames>.self).items.first)
            #expect(sensitiveListed.names == Self.sensitiveCouncilKeys)
            // Nor can filters find out what is withheld: staff summaries, or a sensitive appeal's category.
            func listedCount(_ query: String, as caller: TestIdentity = member) async throws -> Int? {
                try await h.send(.get, "/api/v1/appeals\(query)", as: caller).decoded(as: Items<FieldNames>.self).items.count
            }
            #expect(try await listedCount("?q=aunt") == 0)
            #expect(try await listedCount("?categoryCode=education") == 0)
            #expect(try await listedCount("?receivedFrom=2020-01-01T00:00:00Z") == 0)
            #expect(try await listedCount("?status=closed") == 1)
            #expect(try await listedCount("?q=aunt", as: admin) == 1)
            let caseFile = try await h.send(.get, "/api/v1/appeals/\(id)/history", as: member)
            #expect(caseFile.status == .ok)
            #expect(try caseFile.decoded(as: CaseFile.self).entries?.isEmpty == true)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func demographicsAreSealedAtRest(kind: DatabaseKind) async throws {
        let canary = "canary_\(UUID().uuidString.prefix(8).lowercased())"
        let contents = try await AppealsHarness.with(kind) { h in
            let admin = AppealsHarness.admin
            #expect(
                try await h.send(
                    .post, "/api/v1/appeals/vulnerable-groups", as: admin,
                    json: [
                        "code": canary, "name": ["ky": "к", "ru": "к", "en": "Canary"],
                    ]
                ).status == .created)
            let id = try await h.submit(
                AppealsHarness.submission(
                    submitter: ["gender": "other", "ageGroup": "60_plus", "vulnerableGroups": [canary]]
                )
            ).id
            let full = try await h.send(.get, "/api/v1/appeals/\(id)", as: admin).decoded(as: AppealView.self)
            #expect(full.vulnerableGroups == [canary])
            #expect(full.ageGroup == "60_plus")
            try await Self.withDatabase(h) { database in
                let plain = try await database.sql.raw("SELECT gender, age_group, vulnerable_groups FROM appeals").all()
                #expect(plain.count == 1)
                for row in plain {
                    #expect(try row.decode(column: "gender", as: String?.self) == nil)
                    #expect(try row.decode(column: "age_group", as: String?.self) == nil)
                    #expect(try row.decode(column: "vulnerable_groups", as: String.self) == "")
                }
            }
            return try RawDatabase(h.appealsDatabase, excludingTables: ["vulnerable_groups", "appeal_counts", "appeal_indicator_counts"])
        }
        // The thesaurus names the group and the counters count it; the appeal itself holds it only sealed.
        #expect(!contents.holds(canary))
        #expect(!contents.holds("60_plus"))
        #expect(contents.holds("At-Bashy")) // the raw contents do hold the appeal
    }

    @Test(arguments: TestDatabases.kinds)
    func appealsStoredByTheOldSchemaAreCountedAndSealedWithoutLoss(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let admin = AppealsHarness.admin
            var ids: [String] = []
            for _ in 0..<5 { ids.append(try await h.submit().id) }
            let settings = try AppealsSettings(reader: TestConfiguration.reader(for: AppealsService.definition, database: h.appealsDatabase))
            try await Self.withDatabase(h) { database in
                // As the first schema left them: demographics in plain columns only, no counters yet.
                for id in ids {
                    try await database.sql.raw(
                        """
                        UPDATE appeals SET gender = 'female', age_group = '18_29', vulnerable_groups = 'lgbti,women', submitter_sealed = NULL
                        WHERE id = \(bind: id.lowercased())
                        """
                    ).run()
                }
                try await database.sql.raw("DROP TABLE appeal_counts").run()
                try await AppealsMigrations.counters.apply(database.sql, database.kind)
                let sealing = DemographicsSealing(database: database, cipher: settings.cipher)
                #expect(try await sealing.run(logger: Logger(label: "test")) == 5)
                #expect(try await sealing.run(logger: Logger(label: "test")) == 0, "a second run changes nothing")
            }
            let full = try await h.send(.get, "/api/v1/appeals/\(ids[0])", as: admin).decoded(as: AppealView.self)
            #expect(full.gender == "female")
            #expect(full.ageGroup == "18_29")
            #expect(full.vulnerableGroups == ["lgbti", "women"])
            #expect(full.isAnonymous == true)
            let stats = try await h.send(.get, "/api/v1/appeals/stats", as: admin).decoded(as: Statistics.self)
            #expect(stats.byGender == ["female": 5])
            #expect(stats.byVulnerableGroup == ["lgbti": 5, "women": 5])
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
}
