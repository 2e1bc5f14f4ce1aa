import Foundation
import Models
import ServiceKit
import TestSupport
import Testing

@testable import EventsAndHearings

/// The RRULE subset series accept: its grammar, its canonical text, and its occurrences, checked against
/// python-dateutil's independent RFC 5545 implementation.
@Suite struct RecurrenceRuleTests {
    /// 10:00 in Bishkek on `day` (`2027-03-08`), as UTC.
    static func bishkekTen(_ day: String) -> Date {
        try! Date("\(day)T04:00:00Z", strategy: .iso8601)
    }

    @Test(arguments: [
        ("FREQ=WEEKLY", "FREQ=WEEKLY"),
        ("freq=monthly;interval=3;byday=2tu;count=4", "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=4"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1,15;UNTIL=20271231", "FREQ=MONTHLY;BYMONTHDAY=-1,15;UNTIL=20271231T235959Z"),
        ("COUNT=2;FREQ=DAILY;INTERVAL=1;BYDAY=MO,WE", "FREQ=DAILY;BYDAY=MO,WE;COUNT=2"),
        ("FREQ=YEARLY;UNTIL=20300101T000000Z", "FREQ=YEARLY;UNTIL=20300101T000000Z"),
    ])
    func aRuleIsReadAndWrittenCanonically(rule: String, canonical: String) throws {
        #expect(try RecurrenceRule(parsing: rule).text == canonical)
        #expect(try RecurrenceRule(parsing: canonical).text == canonical)
    }

    @Test(arguments: [
        ("", "must be 1 to 500 characters"),
        ("INTERVAL=2", "FREQ is required"),
        ("FREQ=HOURLY", "FREQ must be DAILY, WEEKLY, MONTHLY or YEARLY"),
        ("FREQ=DAILY;FREQ=WEEKLY", "FREQ is given twice"),
        ("FREQ=DAILY;BYHOUR=10", "BYHOUR is not supported: use FREQ, INTERVAL, COUNT, UNTIL, BYDAY and BYMONTHDAY"),
        ("FREQ=DAILY;COUNT", "\"COUNT\" is not NAME=VALUE"),
        ("FREQ=DAILY;COUNT=0", "COUNT must be 1 to 500"),
        ("FREQ=DAILY;COUNT=501", "COUNT must be 1 to 500"),
        ("FREQ=DAILY;INTERVAL=-1", "INTERVAL must be 1 to 1000"),
        ("FREQ=DAILY;COUNT=2;UNTIL=20271231", "COUNT and UNTIL must not both be given"),
        ("FREQ=DAILY;UNTIL=2027-12-31", "UNTIL must be a UTC time such as 20271231T180000Z, or a date such as 20271231"),
        ("FREQ=DAILY;UNTIL=20271331", "UNTIL must be a UTC time such as 20271231T180000Z, or a date such as 20271231"),
        ("FREQ=WEEKLY;BYDAY=XX", "BYDAY must list days such as MO, TU or, in monthly rules, 2TU or -1FR"),
        ("FREQ=WEEKLY;BYDAY=2TU", "a BYDAY ordinal (such as 2TU) needs FREQ=MONTHLY"),
        ("FREQ=MONTHLY;BYDAY=6TU", "a BYDAY ordinal must be 1 to 5 or -1 to -5"),
        ("FREQ=WEEKLY;BYDAY=MO,MO", "BYDAY names MO twice"),
        ("FREQ=WEEKLY;BYMONTHDAY=1", "BYMONTHDAY must not be used with FREQ=WEEKLY"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "BYMONTHDAY must list days 1 to 31 or -1 to -31"),
        ("FREQ=YEARLY;BYDAY=MO", "BYDAY and BYMONTHDAY are not supported with FREQ=YEARLY: use FREQ=MONTHLY;INTERVAL=12"),
    ])
    func aRuleOutsideTheSubsetIsRefusedWithTheReason(rule: String, reason: String) {
        #expect(throws: RecurrenceRule.Problem(reason)) { try RecurrenceRule(parsing: rule) }
    }

    static let expansions: [(rule: String, start: String)] = [
        ("FREQ=WEEKLY;COUNT=4", "2027-03-09"),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=7", "2027-03-08"),
        ("FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU;COUNT=4", "2027-01-12"),
        ("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=5", "2027-01-31"),
        ("FREQ=MONTHLY;COUNT=4", "2027-01-31"),
        ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=6", "2027-01-29"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15;BYDAY=MO;COUNT=5", "2027-02-01"),
        ("FREQ=MONTHLY;BYDAY=TU,TH;UNTIL=20270430T000000Z", "2027-03-02"),
        ("FREQ=DAILY;BYDAY=MO,WE;UNTIL=20270401T000000Z", "2027-03-08"),
        ("FREQ=DAILY;INTERVAL=10;BYMONTHDAY=1,11,21;COUNT=6", "2027-03-01"),
        ("FREQ=YEARLY;COUNT=3", "2028-02-29"),
        ("FREQ=YEARLY;INTERVAL=2;UNTIL=20330101", "2027-06-15"),
    ]

    @Test func occurrencesAreTheOnesDateutilComputes() async throws {
        let script = """
            import sys
            from datetime import datetime, timezone
            from zoneinfo import ZoneInfo
            from dateutil.rrule import rrulestr
            for line in sys.stdin.read().splitlines():
                rule, start = line.split(" ")
                begin = datetime.fromisoformat(start + "T10:00:00").replace(tzinfo=ZoneInfo("Asia/Bishkek"))
                dates = list(rrulestr(rule, dtstart=begin))[:60]
                print(",".join(d.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ") for d in dates))

            """
        // The canonical text, as a calendar feed would carry it (a date-only UNTIL becomes a UTC time, which
        // RFC 5545 requires beside a zoned start).
        let input = try Self.expansions.map { "\(try RecurrenceRule(parsing: $0.rule).text) \($0.start)" }.joined(separator: "\n")
        let outcome = try await ExternalCommand.run(["python3", "-c", script], input: input)
        try #require(outcome.status == 0, "python3 with dateutil: \(outcome.output)")
        let expected = outcome.output.split(separator: "\n").map(String.init)
        try #require(expected.count == Self.expansions.count)
        let farAway = try Date("2040-01-01T00:00:00Z", strategy: .iso8601)
        for (index, expansion) in Self.expansions.enumerated() {
            let rule = try RecurrenceRule(parsing: expansion.rule)
            let ours = rule.starts(from: Self.bishkekTen(expansion.start), before: farAway).prefix(60).map { RFC3339.string(from: $0) }
            #expect(ours.joined(separator: ",") == expected[index], "\(expansion.rule) from \(expansion.start)")
        }
    }

    @Test func aRuleMustBeginOnTheEventAndEndsAtItsWindowOrLimit() throws {
        let secondTuesday = try RecurrenceRule(parsing: "FREQ=MONTHLY;BYDAY=2TU")
        #expect(secondTuesday.begins(at: Self.bishkekTen("2027-01-12")))
        #expect(!secondTuesday.begins(at: Self.bishkekTen("2027-01-13")))
        let start = Self.bishkekTen("2027-01-12")
        #expect(secondTuesday.starts(from: start, before: Self.bishkekTen("2027-04-13")).count == 3)
        #expect(secondTuesday.includes(Self.bishkekTen("2027-03-09"), seriesStart: start))
        #expect(!secondTuesday.includes(Self.bishkekTen("2027-03-10"), seriesStart: start))
        // A rule that never matches again ends within the period bound, not never.
        let never = try RecurrenceRule(parsing: "FREQ=DAILY;BYMONTHDAY=31;BYDAY=MO")
        #expect(never.starts(from: Self.bishkekTen("2027-05-31"), before: .distantFuture).count > 0)
    }
}
