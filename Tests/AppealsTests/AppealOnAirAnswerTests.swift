import Appeals
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// Broadcasts tells appeals that an appeal's question was answered on air (`broadcasts.question.answered`):
/// appeals records a public response with the episode, the replay link and the approved summary, once.
@Suite struct AppealOnAirAnswerTests {
    static let broadcasts = TestIdentity.service("broadcasts")

    /// What broadcasts reports about appeal `id`.
    static func answer(about id: String, replayURL: String? = "https://media.example.kg/ep/7#t=754", episodeID: UUID = UUID()) throws
        -> BroadcastAnswer
    {
        BroadcastAnswer(
            ref: Reference(service: "appeals", type: "appeal", id: try #require(UUID(uuidString: id))), episodeId: episodeID,
            episodeTitle: try LocalizedText(ky: "Укук саатын", en: "The rights hour"), answeredOn: "2026-11-30", replayURL: replayURL,
            summary: try LocalizedText(ky: "Мектеп кабыл алууга милдеттүү.", en: "The school must enrol the pupil."))
    }

    /// The message broadcasts' outbox would deliver about appeal `id`.
    static func message(
        about id: String, messageID: UUID = UUID(), replayURL: String? = "https://media.example.kg/ep/7#t=754", episodeID: UUID = UUID()
    ) throws -> InboxMessage {
        let answer = try answer(about: id, replayURL: replayURL, episodeID: episodeID)
        let payload = try JSONDecoder.api.decode(JSONValue.self, from: JSONEncoder.api.encode(answer))
        return InboxMessage(
            id: messageID, type: BroadcastAnswer.messageType, aggregate: "question:\(UUID().text)", sender: "broadcasts", occurredAt: Date(),
            payload: payload)
    }

    static func deliver(_ message: InboxMessage, to h: AppealsHarness, as caller: TestIdentity = broadcasts) async throws -> TestResponse {
        try await h.service.send(
            .post, "/internal/events", as: caller, headers: [.contentType: "application/json"],
            body: ByteBuffer(bytes: try JSONEncoder.api.encode(message)))
    }

    /// An appeal checked and verified, with its tracking code.
    static func verifiedAppeal(_ h: AppealsHarness) async throws -> Receipt {
        let receipt = try await h.submit()
        #expect(try await h.transition(receipt.id, to: "in_verification").status == .ok)
        #expect(
            try await h.change(.post, receipt.id, "/verification", json: ["sourcesChecked": ["school"], "evidenceNotes": "", "outcome": "confirmed"])
                .status == .ok)
        #expect(try await h.transition(receipt.id, to: "verified").status == .ok)
        return receipt
    }

    @Test(arguments: TestDatabases.kinds)
    func anAnswerOnAirIsRecordedOnceAndTheAppellantSeesIt(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let receipt = try await Self.verifiedAppeal(h)
            let message = try Self.message(about: receipt.id)
            let first = try await Self.deliver(message, to: h)
            #expect(first.status == .ok)
            #expect(first.text.contains("applied"))
            let repeated = try await Self.deliver(message, to: h)
            #expect(repeated.status == .ok)
            #expect(repeated.text.contains("duplicate"))

            let tracking = try await h.send(.get, "/api/v1/appeals/track/\(try #require(receipt.trackingCode))").decoded(as: OnAirTracking.self)
            #expect(tracking.status == "answered")
            #expect(tracking.responses.count == 1)
            let response = try #require(tracking.responses.first)
            #expect(response.channel == "broadcast")
            #expect(response.onAir?.episodeTitle["en"] == "The rights hour")
            #expect(response.onAir?.summary["ky"] == "Мектеп кабыл алууга милдеттүү.")
            #expect(response.onAir?.replayURL == "https://media.example.kg/ep/7#t=754")
            #expect(response.onAir?.answeredOn == "2026-11-30")

            let history = try await h.send(.get, "/api/v1/appeals/\(receipt.id)/history", as: AppealsHarness.admin).text
            #expect(history.contains("The rights hour"))
            let actions = try await h.caseFile(receipt.id).entries?.map(\.action) ?? []
            #expect(actions.filter { $0 == "response" }.count == 1)
            #expect(actions.suffix(2) == ["transition", "response"])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theSameEpisodesAnswerToldAgainWithItsReplayUpdatesTheResponse(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let receipt = try await Self.verifiedAppeal(h)
            let episode = UUID()
            // Approved before the recording was up, then told again once broadcasts published it.
            #expect(try await Self.deliver(try Self.message(about: receipt.id, replayURL: nil, episodeID: episode), to: h).status == .ok)
            let withReplay = try Self.message(about: receipt.id, replayURL: "https://media.example.kg/ep/8#t=754", episodeID: episode)
            #expect(try await Self.deliver(withReplay, to: h).status == .ok)
            let tracking = try await h.send(.get, "/api/v1/appeals/track/\(try #require(receipt.trackingCode))").decoded(as: OnAirTracking.self)
            #expect(tracking.responses.count == 1)
            #expect(tracking.responses.first?.onAir?.replayURL == "https://media.example.kg/ep/8#t=754")
            // Told once more unchanged (another message): nothing new in the case file.
            let entries = try await h.caseFile(receipt.id).entries?.count
            let again = try Self.message(about: receipt.id, replayURL: "https://media.example.kg/ep/8#t=754", episodeID: episode)
            #expect(try await Self.deliver(again, to: h).status == .ok)
            #expect(try await h.caseFile(receipt.id).entries?.count == entries)
            let actions = try await h.caseFile(receipt.id).entries?.map(\.action) ?? []
            #expect(actions.filter { $0 == "response" }.count == 2, "recorded, then updated with the replay")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anAppealThatCannotBeAnsweredYetKeepsItsStatusAndGetsTheResponse(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let receipt = try await h.submit()
            #expect(try await Self.deliver(try Self.message(about: receipt.id), to: h).status == .ok)
            let tracking = try await h.send(.get, "/api/v1/appeals/track/\(try #require(receipt.trackingCode))").decoded(as: OnAirTracking.self)
            #expect(tracking.status == "received")
            #expect(tracking.responses.first?.onAir?.episodeTitle["en"] == "The rights hour")
        }
    }

    @Test func messagesThatCanNeverApplyAreRefusedWithA4xx() async throws {
        try await AppealsHarness.with { h in
            let unknown = try await Self.deliver(try Self.message(about: UUID().uuidString), to: h)
            #expect(unknown.status == .notFound)
            let receipt = try await Self.verifiedAppeal(h)
            let scripted = try await Self.deliver(try Self.message(about: receipt.id, replayURL: "javascript:alert(1)"), to: h)
            #expect(scripted.status == .unprocessableContent)
            #expect(scripted.text.contains("replayURL"))
            let wrongSender = try await Self.deliver(try Self.message(about: receipt.id), to: h, as: .service("events-and-hearings"))
            #expect(wrongSender.status == .forbidden)
            // None of them left a trace: the appeal is still verified, without responses.
            let tracking = try await h.send(.get, "/api/v1/appeals/track/\(try #require(receipt.trackingCode))").decoded(as: OnAirTracking.self)
            #expect(tracking.status == "verified")
            #expect(tracking.responses.isEmpty)
        }
    }
}

/// The tracking answer, with the parts an answer on air adds.
struct OnAirTracking: Decodable {
    let status: String
    let responses: [Response]

    struct Response: Decodable {
        let channel: String
        let onAir: OnAir?
    }

    struct OnAir: Decodable {
        let episodeTitle: [String: String]
        let summary: [String: String]
        let replayURL: String?
        let answeredOn: String
    }
}
