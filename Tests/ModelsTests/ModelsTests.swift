import Foundation
import Models
import Testing

@Suite struct UUIDv7Tests {
    @Test func idsCarryVersionSevenAndTheRFCVariant() {
        let id = UUID.v7()
        #expect(id.version == 7)
        #expect(id.uuid.8 & 0xC0 == 0x80)
    }

    @Test func idsSortByCreationTime() {
        let earlier = UUID.v7(at: Date(timeIntervalSince1970: 1_700_000_000))
        let later = UUID.v7(at: Date(timeIntervalSince1970: 1_700_000_001))
        #expect(earlier.uuidString.lowercased() < later.uuidString.lowercased())
    }

    @Test func idsMadeInOneMillisecondStillIncrease() {
        let now = Date()
        let ids = (0..<1000).map { _ in UUID.v7(at: now).uuidString.lowercased() }
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == ids.count)
    }

    /// A test's clock a year ahead (events' tests have them) must not unsettle the order of IDs made now, as a
    /// case file's history is read in the order of its entries' IDs.
    @Test func anIDForAFutureDateLeavesIDsMadeNowInOrder() {
        _ = UUID.v7(at: Date().addingTimeInterval(365 * 86_400))
        let now = Date()
        let ids = (0..<1000).map { _ in UUID.v7(at: now).uuidString.lowercased() }
        #expect(ids == ids.sorted())
    }

    @Test func theTimestampIsTheFirstFortyEightBits() {
        // Years from the other tests' dates: within a second of the last ID made, the clock would keep
        // IDs increasing instead (and tests run in parallel).
        let id = UUID.v7(at: Date(timeIntervalSince1970: 1_600_000_000.123))
        let bytes = withUnsafeBytes(of: id.uuid) { Array($0.prefix(6)) }
        let milliseconds = bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == 1_600_000_000_123)
    }
}

@Suite struct LocalizedTextTests {
    @Test func decodesAnyNonEmptySubsetOfLanguages() throws {
        let text = try JSONDecoder().decode(LocalizedText.self, from: Data(#"{"ru":"Привет"}"#.utf8))
        #expect(text.ru == "Привет")
        #expect(text.ky == nil)
    }

    @Test(arguments: [#"{}"#, #"{"en":"  "}"#, #"{"ky":null}"#])
    func refusesTextsWithNothingToShow(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LocalizedText.self, from: Data(json.utf8))
        }
    }

    @Test func picksTheReadersLanguageThenFallsBack() throws {
        let text = try LocalizedText(ru: "Бишкек", en: "Bishkek")
        #expect(text.text(preferring: [.english]) == "Bishkek")
        #expect(text.text(preferring: [.kyrgyz]) == "Бишкек")
    }

    @Test func acceptLanguageOrdersByWeightAndSkipsUnknownAndRefused() {
        #expect(Language.preferred(byAcceptLanguage: "de, en;q=0.5, ru-RU;q=0.9, ky;q=0") == [.russian, .english])
        #expect(Language.preferred(byAcceptLanguage: nil) == [])
    }
}

@Suite struct RegionTests {
    @Test func thereAreNineRegionsWithTheirISOCodes() {
        #expect(Region.allCases.map(\.code).sorted() == ["KG-B", "KG-C", "KG-GB", "KG-GO", "KG-J", "KG-N", "KG-O", "KG-T", "KG-Y"])
        #expect(Region.allCases.filter(\.isOblast).count == 7)
    }

    @Test func namesMatchTheReferenceTable() {
        #expect(Region.issykKul.name.ky == "Ысык-Көл облусу")
        #expect(Region.chuy.name.en == "Chüy Region")
        #expect(Region.oshCity.name.ru == "Ош")
    }

    @Test func unknownCodesDoNotDecode() {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Region.self, from: Data(#""KG-X""#.utf8)) }
    }
}

@Suite struct PageTests {
    @Test func cursorsRoundTripAndAreOpaque() throws {
        let cursor = Cursor(key: "2026-11-29T08:00:00Z", id: UUID.v7())
        #expect(Cursor(encoded: cursor.encoded) == cursor)
        #expect(!cursor.encoded.contains("2026"))
    }

    @Test(arguments: ["not base64!", "e30", String(repeating: "A", count: 2000)])
    func foreignCursorsAreRefused(raw: String) {
        #expect(throws: PageRequest.ValidationError.invalidCursor) { try PageRequest(limit: nil, cursor: raw) }
    }

    @Test func base64URLRoundTripsEveryByteWithoutPaddingOrUnsafeCharacters() {
        for length in 0..<40 {
            let data = Data((0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 250) })
            let encoded = data.base64URLEncodedString()
            #expect(!encoded.contains("=") && !encoded.contains("+") && !encoded.contains("/"))
            #expect(
                encoded
                    == data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
                    .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: ""))
            #expect(Data(base64URLEncoded: encoded) == data)
            #expect(Data(base64URLEncoded: data.base64EncodedString()) == data, "padded standard base64 is accepted too")
        }
        #expect(Data(base64URLEncoded: "not base64!") == nil)
    }

    @Test func limitDefaultsToFiftyAndIsBoundedToTwoHundred() throws {
        #expect(try PageRequest(limit: nil, cursor: nil).limit == 50)
        #expect(try PageRequest(limit: "200", cursor: nil).limit == 200)
        for bad in ["0", "201", "-1", "ten"] {
            #expect(throws: PageRequest.ValidationError.invalidLimit(bad)) { try PageRequest(limit: bad, cursor: nil) }
        }
    }

    @Test func aPageFromOneExtraRowHasACursorAndTheLastPageHasNone() throws {
        let ids = (0..<3).map { _ in UUID.v7() }
        let full = Page(fetched: ids, limit: 2) { Cursor(key: "", id: $0) }
        #expect(full.items == Array(ids.prefix(2)))
        #expect(full.nextCursor?.id == ids[1])
        let last = Page(fetched: Array(ids.prefix(2)), limit: 2) { Cursor(key: "", id: $0) }
        #expect(last.nextCursor == nil)
        let json = String(decoding: try JSONEncoder().encode(last), as: UTF8.self)
        #expect(json.contains("\"items\""))
    }
}

@Suite struct ProblemTests {
    @Test func encodesTheRFC9457MembersAndTheStableCode() throws {
        let problem = Problem(status: 422, code: "validation_failed", title: "Unprocessable Content", errors: ["email": "is required"])
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(problem)) as? [String: Any]
        #expect(object?["type"] as? String == "https://openmedia.kg/problems/validation-failed")
        #expect(object?["status"] as? Int == 422)
        #expect(object?["code"] as? String == "validation_failed")
        #expect((object?["errors"] as? [String: String])?["email"] == "is required")
    }
}

@Suite struct HexTests {
    @Test func everyByteIsTwoLowercaseDigitsAsPrintfWritesThem() {
        let bytes = (0...255).map(UInt8.init)
        #expect(bytes.lowercaseHex == bytes.map { String(format: "%02x", $0) }.joined())
        #expect([UInt8]().lowercaseHex == "")
    }
}

@Suite struct RFC3339Tests {
    /// Dates from 1970 to 2100 with fractions of a second, seeded so a failure can be reproduced.
    static let dates: [Date] = {
        var generator = SplitMix64(seed: 2026)
        return [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 951_782_400.999_9)]
            + (0..<2000).map { _ in Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator)) }
    }()

    @Test func secondsAreWhatTheISO8601FormatStyleWrites() {
        for date in Self.dates {
            #expect(RFC3339.string(from: date) == date.formatted(.iso8601), "\(date.timeIntervalSince1970)")
        }
    }

    @Test func millisecondsAreWhatTheISO8601FormatStyleWritesWithFractionalSeconds() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        for date in Self.dates {
            #expect(RFC3339.string(from: date, milliseconds: true) == date.formatted(style), "\(date.timeIntervalSince1970)")
        }
    }
}

/// A small seeded generator, so the dates above are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
