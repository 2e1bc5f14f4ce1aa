import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Statistics by month, from counters kept with every change, disclosed so no figure singles out an appeal.
@Suite struct AppealStatisticsTests {
    static func stats(_ h: AppealsHarness, _ query: String = "", as caller: TestIdentity) async throws -> Statistics {
        let response = try await h.send(.get, "/api/v1/appeals/stats\(query)", as: caller)
        #expect(response.status == .ok, "\(response.text)")
        return try response.decoded()
    }

    static var thisMonth: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Bishkek")!
        let month = calendar.dateComponents([.year, .month], from: Date())
        return String(format: "%04d-%02d", month.year!, month.month!)
    }

    @Test(arguments: TestDatabases.kinds)
    func countsBySexAndVulnerableGroupStayRightThroughSubmissionsAndChanges(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let secret = "SECRET\(UUID().uuidString.prefix(6))"
            var women: [String] = []
            for _ in 0..<5 {
                women.append(
                    try await h.submit(
                        AppealsHarness.submission(
                            description: secret,
                            submitter: ["name": secret, "gender": "female", "ageGroup": "30_44", "vulnerableGroups": ["women", "rural_residents"]]
                        )
                    ).id)
                var other = AppealsHarness.submission()
                other["regionCode"] = "KG-O"
                other["channel"] = "hotline"
                #expect(try await h.send(.post, "/api/v1/appeals", json: other).status == .created)
            }
            let stakeholder = TestIdentity.principal([.stakeholder])
            let before = try await Self.stats(h, as: stakeholder)
            #expect(before.total == 10)
            #expect(before.byStatus == ["received": 10])
            #expect(before.byRegion == ["KG-N": 5, "KG-O": 5])
            #expect(before.byChannel == ["web": 5, "hotline": 5])
            #expect(before.byGender == ["female": 5, "unknown": 5])
            #expect(before.byAgeGroup == ["30_44": 5, "unknown": 5])
            #expect(before.byVulnerableGroup == ["women": 5, "rural_residents": 5])

            // Status and category changes move the counts; demographics stay where they were.
            for id in women {
                try await h.transition(id, to: "in_verification")
                try await h.transition(id, to: "verified")
                #expect(try await h.change(.patch, id, "", json: ["categoryCode": "health"]).status == .ok)
            }
            let after = try await Self.stats(h, "?from=\(Self.thisMonth)&to=\(Self.thisMonth)", as: stakeholder)
            #expect(after.total == 10)
            #expect(after.byStatus == ["verified": 5, "received": 5])
            #expect(after.byCategory == ["health": 5, "education": 5])
            #expect(after.byGender == ["female": 5, "unknown": 5])
            #expect(after.byVulnerableGroup == ["women": 5, "rural_residents": 5])
            #expect(after.byMonth == [Self.thisMonth: 10])
            #expect(after.medianDaysToVerification != nil)
            #expect(!(try await h.send(.get, "/api/v1/appeals/stats", as: stakeholder)).text.contains(secret))
            let earlier = try await Self.stats(h, "?to=2020-01", as: stakeholder)
            #expect(earlier.total == 0)
            #expect(earlier.medianDaysToVerification == nil)

            let journalist = TestIdentity.principal([.journalist], organizationID: UUID())
            #expect(try await h.send(.get, "/api/v1/appeals/stats", as: journalist).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func oneAppealCannotBeSingledOutByPeriodOrByDifference(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            for _ in 0..<5 { _ = try await h.submit() }
            _ = try await h.submit(AppealsHarness.submission(submitter: ["gender": "male", "vulnerableGroups": ["lgbti"]]))
            let stakeholder = TestIdentity.principal([.stakeholder])

            // Periods finer than a month are refused, naming the format.
            let now = Date()
            let millisecond = "?receivedFrom=\(now.ISO8601Format())&receivedTo=\(now.addingTimeInterval(0.001).ISO8601Format())"
            for query in [millisecond, "?from=2026-12-01", "?from=2026-12-01T00:00:00Z&to=2026-12", "?to=2026-13", "?from=2026-12&to=2026-11"] {
                let refused = try await h.send(.get, "/api/v1/appeals/stats\(query)", as: stakeholder)
                #expect(refused.status == .badRequest, "\(query)")
                #expect(refused.problemCode == "invalid_query", "\(query)")
            }
            #expect(try await h.send(.get, "/api/v1/appeals/stats?from=x", as: stakeholder).problem?.detail?.contains("YYYY-MM") == true)

            // The lone lgbti appeal is withheld, and the 6 appeals total 5: nothing subtracts to one person.
            let stats = try await Self.stats(h, as: stakeholder)
            #expect(stats.total == 5)
            #expect(stats.byVulnerableGroup == ["lgbti": "<5"])
            #expect(stats.byGender["male"] == "<5")
            #expect(stats.byGender["unknown"] == 5)
            #expect(stats.byStatus == ["received": 5])
            let numbers = stats.allCounts.compactMap { if case .number(let number) = $0 { number } else { nil } }
            #expect(!numbers.isEmpty && numbers.allSatisfy { $0.isMultiple(of: 5) }, "\(numbers)")
        }
    }
}
