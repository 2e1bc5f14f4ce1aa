import Foundation
import Models
import NIOCore
import ServiceKit
import Testing

struct IndicatorFiguresJSONTests {
    /// The hand-written body is byte for byte what `JSONEncoder.api` writes, escapes and fractions included.
    @Test func writesWhatTheAPIEncoderWrites() throws {
        let figures = IndicatorFigures(items: [
            IndicatorFigure(indicator: "appeals.received", period: "2026-03", regionCode: "KG-N", value: 12),
            IndicatorFigure(indicator: "appeals.median_days_to_answer", period: "2026-03", regionCode: "KG-N", value: 2.5),
            IndicatorFigure(
                indicator: "appeals.received", period: "2026-03", regionCode: "KG-C",
                dimensions: IndicatorDimensions(
                    sex: "female", ageBand: "18_29", vulnerableGroup: "women", stakeholderType: "cso",
                    category: "a \"quoted\" \\ code\n\u{1}é", channel: "hotline"),
                value: 0),
            IndicatorFigure(
                indicator: "appeals.overdue", period: "2026-04", regionCode: "KG-GB", dimensions: IndicatorDimensions(channel: "web"),
                value: 123_456_789),
        ])
        let expected = try JSONEncoder.api.encode(figures)
        #expect(String(buffer: figures.encodedJSON()) == String(decoding: expected, as: UTF8.self))
        #expect(
            String(buffer: IndicatorFigures(items: []).encodedJSON())
                == String(decoding: try JSONEncoder.api.encode(IndicatorFigures(items: [])), as: UTF8.self))
    }
}
