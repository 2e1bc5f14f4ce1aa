import Foundation
import Models
import Testing

@testable import Web

/// Dates on the pages are Bishkek's (UTC+6) and written the way each language writes them.
@Suite struct PageDatesTests {
    /// 1 December 2026, 20:30 UTC: already 2 December, 02:30, in Bishkek.
    static let lateEvening = Date(timeIntervalSince1970: 1_796_157_000)

    /// `text` with ICU's non-breaking spaces as plain ones.
    static func plain(_ text: String) -> String {
        text.replacingOccurrences(of: "\u{00A0}", with: " ").replacingOccurrences(of: "\u{202F}", with: " ")
    }

    @Test func aMomentIsShownOnBishkeksDayInTheLanguage() {
        #expect(Self.plain(PageDates.day(Self.lateEvening, in: .russian)) == "2 декабря 2026 г.")
        #expect(Self.plain(PageDates.day(Self.lateEvening, in: .english)) == "December 2, 2026")
        #expect(PageDates.day(Self.lateEvening, in: .kyrgyz).contains("2-декабрь"))
        #expect(Self.plain(PageDates.dayAndTime(Self.lateEvening, in: .russian)) == "2 декабря 2026 г. в 2:30")
    }

    @Test func aPublicationDayIsTheDayItNames() {
        #expect(Self.plain(PageDates.day(iso: "2026-12-02", in: .russian)) == "2 декабря 2026 г.")
        #expect(PageDates.day(iso: "not a day", in: .russian) == "not a day")
    }
}
