import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import TestSupport

/// Statistics by month, from counters kept with every change, disclosed so no figure singles out an appeal.
@Suite struct AppealStatisticsTests {
    static func stats(_ h: AppealsHarness, _ query: String = "", token: String) async throws -> [String: Any] {
        let response = try await h.send(.get, "/api/v1/appeals/stats\(query)", token: token)
        #expect(response.status == .ok, "\(response.text)")
        return response.json ?? [:]
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
            let admin = try await h.token()
            let secret = "SECRET\(UUID().uuidString.prefix(6))"
            var women: [String] = []
            for _ in 0..<5 {
                women.append(try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(
                    description: secret, submitter: ["name": secret, "gender": "female", "ageGroup": "30_44", "vulnerableGroups": ["women", "rural_residents"]]
                )).json?["id"] as? String))
                var other = AppealsHarness.submission()
                other["regionCode"] = "KG-O"
                other["channel"] = "hotline"
                #expect(try await h.send(.post, "/api/v1/appeals", json: other).status == .created)
            }
            let stakeholder = try await h.user(["stakeholder"], admin: admin).token
            let before = try await Self.stats(h, token: stakeholder)
            #expect(before["total"] as? Int == 10)
            #expect(before["byStatus"] as? [String: Int] == ["received": 10])
            #expect(before["byRegion"] as? [String: Int] == ["KG-N": 5, "KG-O": 5])
            #expect(before["byChannel"] as? [String: Int] == ["web": 5, "hotline": 5])
            #expect(before["byGender"] as? [String: Int] == ["female": 5, "unknown": 5])
            #expect(before["byAgeGroup"] as? [String: Int] == ["30_44": 5, "unknown": 5])
            #expect(before["byVulnerableGroup"] as? [String: Int] == ["women": 5, "rural_residents": 5])

            // Status and category changes move the counts; demographics stay where they were.
            for id in women {
                try await h.transition(id, to: "in_verification", token: admin)
                try await h.transition(id, to: "verified", token: admin)
                #expect(try await h.change(.patch, id, "", token: admin, json: ["categoryCode": "health"]).status == .ok)
            }
            let after = try await Self.stats(h, "?from=\(Self.thisMonth)&to=\(Self.thisMonth)", token: stakeholder)
            #expect(after["total"] as? Int == 10)
            #expect(after["byStatus"] as? [String: Int] == ["verified": 5, "received": 5])
            #expect(after["byCategory"] as? [String: Int] == ["health": 5, "education": 5])
            #expect(after["byGender"] as? [String: Int] == ["female": 5, "unknown": 5])
            #expect(after["byVulnerableGroup"] as? [String: Int] == ["women": 5, "rural_residents": 5])
            #expect(after["byMonth"] as? [String: Int] == [Self.thisMonth: 10])
            #expect(after["medianDaysToVerification"] as? Double != nil)
            #expect(!(try await h.send(.get, "/api/v1/appeals/stats", token: stakeholder)).text.contains(secret))
            let earlier = try await Self.stats(h, "?to=2020-01", token: stakeholder)
            #expect(earlier["total"] as? Int == 0)
            #expect(earlier["medianDaysToVerification"] == nil)

            let journalist = try await h.user(["journalist"], organization: try await h.organization(admin: admin), admin: admin)
            #expect(try await h.send(.get, "/api/v1/appeals/stats", token: journalist.token).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func oneAppealCannotBeSingledOutByPeriodOrByDifference(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let admin = try await h.token()
            for _ in 0..<5 { _ = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()) }
            _ = try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission(submitter: ["gender": "male", "vulnerableGroups": ["lgbti"]]))
            let stakeholder = try await h.user(["stakeholder"], admin: admin).token

            // Periods finer than a month are refused, naming the format.
            let now = Date()
            let millisecond = "?receivedFrom=\(now.ISO8601Format())&receivedTo=\(now.addingTimeInterval(0.001).ISO8601Format())"
            for query in [millisecond, "?from=2026-12-01", "?from=2026-12-01T00:00:00Z&to=2026-12", "?to=2026-13", "?from=2026-12&to=2026-11"] {
                let refused = try await h.send(.get, "/api/v1/appeals/stats\(query)", token: stakeholder)
                #expect(refused.status == .badRequest, "\(query)")
                #expect(refused.problemCode == "invalid_query", "\(query)")
            }
            #expect((try await h.send(.get, "/api/v1/appeals/stats?from=x", token: stakeholder).json?["detail"] as? String)?.contains("YYYY-MM") == true)

            // The lone lgbti appeal is withheld, and the 6 appeals total 5: nothing subtracts to one person.
            let stats = try await Self.stats(h, token: stakeholder)
            #expect(stats["total"] as? Int == 5)
            #expect((stats["byVulnerableGroup"] as? [String: String]) == ["lgbti": "<5"])
            #expect((stats["byGender"] as? [String: Any])?["male"] as? String == "<5")
            #expect((stats["byGender"] as? [String: Any])?["unknown"] as? Int == 5)
            #expect((stats["byStatus"] as? [String: Int]) == ["received": 5])
            var numbers: [Int] = []
            func collect(_ value: Any) {
                if let number = value as? Int { numbers.append(number) }
                if let object = value as? [String: Any] { object.values.forEach(collect) }
            }
            collect(stats)
            #expect(!numbers.isEmpty && numbers.allSatisfy { $0.isMultiple(of: 5) }, "\(numbers)")
        }
    }
}
