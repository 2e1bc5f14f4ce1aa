import Foundation
import Testing

@testable import Appeals

@Suite struct DisclosedCountTests {
    @Test func smallCountsAreWithheldAndTheRestRoundedToFive() throws {
        let expected: [Int: DisclosedCount] = [
            0: .exactly(0), 1: .fewerThanFive, 4: .fewerThanFive, 5: .exactly(5), 7: .exactly(5), 8: .exactly(10), 12: .exactly(10), 13: .exactly(15),
        ]
        for (count, disclosed) in expected { #expect(DisclosedCount(count) == disclosed, "\(count)") }
        let encoded = try JSONEncoder().encode([DisclosedCount(3), DisclosedCount(9)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["<5",10]"#)
    }

    @Test func anAppealCountsOnceInTotalsAndOnceForEachGroupItNamed() throws {
        let keys = AppealCounters.keys(
            receivedAt: Date(timeIntervalSince1970: 1_790_000_000), region: "KG-N", category: "health", channel: "web",
            sex: nil, ageBand: "60_plus", vulnerableGroups: ["women", "lgbti", "women"], status: "received")
        #expect(keys.map(\.vulnerableGroup) == ["*", "lgbti", "women"])
        #expect(keys.allSatisfy { $0.sex == "unknown" && $0.month == "2026-09" })
    }
}
