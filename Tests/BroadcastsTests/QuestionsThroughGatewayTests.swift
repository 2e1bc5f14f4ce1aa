import Broadcasts
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// The public's part of the question queue past the gateway: asking, reading one's own question by its
/// code, upvoting and watching the live wall, all without signing in; nothing else opens to it.
@Suite struct QuestionsThroughGatewayTests {
    @Test(arguments: TestDatabases.kinds)
    func thePublicAsksLooksUpUpvotesAndWatchesThroughTheGateway(kind: DatabaseKind) async throws {
        try await ServiceHarness.run(BroadcastsService.definition, on: kind, setup: .live) { service in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [service], on: kind, setup: .live) { gateway in
                let h = BroadcastsHarness(service: service)
                let episode = try await h.openEpisode()
                func send(_ method: HTTPRequest.Method, _ path: String, json: Any? = nil) async throws -> TestResponse {
                    var headers: HTTPFields = [:]
                    if json != nil { headers[.contentType] = "application/json" }
                    let body = try json.map { ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: $0)) }
                    return try await gateway.client.execute(uri: path, method: method, headers: headers, body: body)
                }
                let wall = LiveReader.open("\(try gateway.url)/api/v1/broadcasts/episodes/\(episode)/live", headers: [])

                let asked = try await send(.post, "/api/v1/broadcasts/questions", json: ["episodeId": episode, "text": "Through the gateway"])
                #expect(asked.status == .created)
                let receipt = try asked.decoded(as: QuestionReceiptView.self)
                let lookup = try await send(.post, "/api/v1/broadcasts/questions/lookup", json: ["code": try #require(receipt.receiptCode)])
                #expect(try lookup.decoded(as: QuestionView.self).id == receipt.question.id)

                #expect(try await QuestionModerationTests.moderate(h, episode, receipt.question.id, json: ["to": "approved"]).status == .ok)
                let upvoted = try await send(.post, "/api/v1/broadcasts/questions/upvotes", json: ["questionId": receipt.question.id])
                #expect(upvoted.status == .ok)
                #expect(await wall.eventually { $0.contains { $0.name == "question" && $0.data.contains("\"upvotes\":1") } })
                #expect(wall.head.status == 200 && wall.head.contentType.hasPrefix("text/event-stream"))
                await wall.close()

                // Moderation and imports stay closed to the public at the edge.
                let path = "/api/v1/broadcasts/episodes/\(episode)/questions/\(receipt.question.id)/transitions"
                #expect(try await send(.post, path, json: ["to": "hidden"]).status == .unauthorized)
                #expect(
                    try await send(.post, "/api/v1/broadcasts/episodes/\(episode)/questions/import", json: ["appealId": UUID().uuidString]).status
                        == .unauthorized)
            }
        }
    }
}
