import Foundation
import Logging
@testable import ServiceKit
import Testing

@Suite struct JSONLogHandlerTests {
    static let awkward = "say \"hi\"\\ / \n\t\r\u{8}\u{c}\u{1}\u{1f} ключ 😀 \u{2028}"

    @Test func aLineIsTheJSONObjectJSONSerializationWouldWriteWithSortedKeys() throws {
        let fields: Logger.Metadata = [
            "message": .string(Self.awkward), "route": "/api/v1/appeals/{id}", "status": .stringConvertible(201),
            "a_b": "x", "ab": "y", "list": .array(["x", .dictionary(["z": "1", "b": "2"])]), "empty": .dictionary([:]),
        ]
        let line = Data(JSONLogHandler.json(fields))
        let reference = try JSONSerialization.data(withJSONObject: [
            "message": Self.awkward, "route": "/api/v1/appeals/{id}", "status": "201", "a_b": "x", "ab": "y",
            "list": ["x", ["z": "1", "b": "2"]] as [Any], "empty": [String: Any](),
        ] as [String: Any], options: [.sortedKeys, .withoutEscapingSlashes])
        #expect(String(decoding: line, as: UTF8.self) == String(decoding: reference, as: UTF8.self))
        let parsed = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(parsed["message"] as? String == Self.awkward)
    }
}
