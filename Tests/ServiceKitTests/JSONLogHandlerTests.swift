import Foundation
import Logging
import Testing

@testable import ServiceKit

@Suite struct JSONLogHandlerTests {
    static let awkward = "say \"hi\"\\ / \n\t\r\u{8}\u{c}\u{1}\u{1f} ключ 😀 \u{2028}"

    @Test func aLineIsTheJSONObjectJSONSerializationWouldWriteWithSortedKeys() throws {
        let fields: Logger.Metadata = [
            "message": .string(Self.awkward), "route": "/api/v1/appeals/{id}", "status": .stringConvertible(201),
            "a_b": "x", "ab": "y", "list": .array(["x", .dictionary(["z": "1", "b": "2"])]), "empty": .dictionary([:]),
        ]
        let line = Data(JSONLogHandler.json(Array(fields)))
        let reference = try JSONSerialization.data(
            withJSONObject: [
                "message": Self.awkward, "route": "/api/v1/appeals/{id}", "status": "201", "a_b": "x", "ab": "y",
                "list": ["x", ["z": "1", "b": "2"]] as [Any], "empty": [String: Any](),
            ] as [String: Any], options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(String(decoding: line, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
        let parsed = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(parsed["message"] as? String == Self.awkward)
    }

    @Test func theTimestampIsNowInUTCAsRFC3339WithMilliseconds() throws {
        let before = Date()
        let stamp = JSONLogHandler.timestamp()
        let after = Date()
        #expect(stamp.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil)
        let parsed = try Date(stamp, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        // Milliseconds are truncated, so the stamp may be up to 1 ms before `before`.
        #expect(parsed >= before.addingTimeInterval(-0.001) && parsed <= after)
    }

    @Test func ofFieldsWithTheSameKeyTheLastCounts() {
        let line = JSONLogHandler.json([
            (key: "route", value: "first"), (key: "b", value: "1"), (key: "route", value: "last"), (key: "a", value: "2"),
        ])
        #expect(String(decoding: line, as: UTF8.self) == #"{"a":"2","b":"1","route":"last"}"#)
    }
}
