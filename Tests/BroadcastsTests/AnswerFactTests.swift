import Broadcasts
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import Synchronization
import TestSupport
import Testing

/// When the summary of an answer to a question imported from an appeal is approved, broadcasts tells
/// appeals through the outbox and real HTTP: `broadcasts.question.answered` with exactly the
/// ``BroadcastAnswer`` payload, once; a question from the public tells nothing.
@Suite struct AnswerFactTests {
    /// Stands in for appeals: quotes an appeal's public summary to broadcasts and keeps the facts that arrive.
    final class AppealsStandIn: Sendable {
        let received = Mutex([BroadcastAnswer]())
        let appealID = UUID()

        struct Summary: ResponseEncodable {
            let ref: Reference
            let summary: LocalizedText
            let regionCode: Region
            let categoryCode: String
        }

        func definition() -> ServiceDefinition {
            ServiceDefinition(service: PlatformService(name: "appeals"), migrations: []) { router, dependencies in
                router.group(RouterPath("/internal/appeals/{id}/public-summary")).get { _, _ in
                    Summary(
                        ref: Reference(service: "appeals", type: "appeal", id: self.appealID),
                        summary: try LocalizedText(en: "The school refused to enrol a pupil."), regionCode: .naryn, categoryCode: "education")
                }
                let handler = InboxHandler(type: BroadcastAnswer.messageType, senders: ["broadcasts"]) { message, _ in
                    let answer = try message.decodePayload(as: BroadcastAnswer.self)
                    self.received.withLock { $0.append(answer) }
                }
                InboxRoutes(database: dependencies.database, handlers: [handler]).register(on: router)
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anApprovedAnswerToAnAppealIsToldOnceWithTheReplayAtItsTimecode(kind: DatabaseKind) async throws {
        let appeals = AppealsStandIn()
        try await ServiceHarness.run(appeals.definition(), setup: .live) { standIn in
            let settings = ["services.appeals.url": try standIn.url]
            try await ServiceHarness.run(BroadcastsService.definition, on: kind, settings: settings, setup: .live) { service in
                let h = BroadcastsHarness(service: service)
                let episode = try await h.openEpisode("intake_open", ["startsAt": "2027-03-09T19:00:00Z"])
                let guest = try await h.confirmedGuest(episode)
                let imported = try await h.send(
                    .post, "/api/v1/broadcasts/episodes/\(episode)/questions/import", as: BroadcastsHarness.coordinator,
                    json: ["appealId": appeals.appealID.uuidString, "language": "en"])
                try #require(imported.status == .created, "\(imported.text)")
                let fromAppeal = try imported.decoded(as: QuestionView.self).id
                let fromPublic = try await h.askedQuestion(episode).question.id
                try await h.goLiveAndAnswer(episode, [fromAppeal, fromPublic])
                try #require(try await h.transition(episode, to: "ended").status == .ok)
                try #require(try await h.change(.patch, episode, json: ["replayUrl": "https://media.example.kg/ep/7#start"]).status == .ok)
                try #require(try await h.transition(episode, to: "published").status == .ok)

                let answer = try await h.approvedAnswer(.init(episode: episode, question: fromAppeal, guest: guest))
                _ = try await h.approvedAnswer(.init(episode: episode, question: fromPublic, guest: guest), ["startSecond": 1_000, "endSecond": 1_100])
                var arrived = false
                for _ in 0..<1500 where !arrived {
                    arrived = !appeals.received.withLock { $0.isEmpty }
                    if !arrived { try await Task.sleep(for: .milliseconds(20)) }
                }
                // A moment more, so a second message (one too many) would show.
                try await Task.sleep(for: .milliseconds(300))
                let received = appeals.received.withLock { $0 }
                try #require(received.count == 1, "\(received)")
                let fact = try #require(received.first)
                #expect(fact.ref == Reference(service: "appeals", type: "appeal", id: appeals.appealID))
                #expect(fact.episodeId.uuidString.lowercased() == episode.lowercased())
                #expect(fact.episodeTitle.en == "The Ombudsman answers")
                // 19:00 UTC is the next day in Bishkek.
                #expect(fact.answeredOn == "2027-03-10")
                #expect(fact.replayURL == "https://media.example.kg/ep/7#t=754")
                #expect(fact.summary.en == "A pension is not cut while the person works.")
                #expect(try await h.send(.get, "/api/v1/broadcasts/answers/\(answer)").status == .ok)
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func anAnswerApprovedBeforeTheReplayIsToldAgainWithItsLinkWhenTheEpisodeIsPublished(kind: DatabaseKind) async throws {
        let appeals = AppealsStandIn()
        try await ServiceHarness.run(appeals.definition(), setup: .live) { standIn in
            let settings = ["services.appeals.url": try standIn.url]
            try await ServiceHarness.run(BroadcastsService.definition, on: kind, settings: settings, setup: .live) { service in
                let h = BroadcastsHarness(service: service)
                let episode = try await h.openEpisode("intake_open")
                let guest = try await h.confirmedGuest(episode)
                let imported = try await h.send(
                    .post, "/api/v1/broadcasts/episodes/\(episode)/questions/import", as: BroadcastsHarness.coordinator,
                    json: ["appealId": appeals.appealID.uuidString, "language": "en"])
                let fromAppeal = try imported.decoded(as: QuestionView.self).id
                try await h.goLiveAndAnswer(episode, [fromAppeal])
                try #require(try await h.transition(episode, to: "ended").status == .ok)
                // The lawyer approves the summary before the recording is up: appeals hears of it without a link.
                _ = try await h.approvedAnswer(.init(episode: episode, question: fromAppeal, guest: guest))
                func received(_ count: Int) async throws -> [BroadcastAnswer] {
                    for _ in 0..<1500 where appeals.received.withLock({ $0.count }) < count {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    return appeals.received.withLock { $0 }
                }
                #expect(try await received(1).map(\.replayURL) == [nil])
                try #require(try await h.change(.patch, episode, json: ["replayUrl": "https://media.example.kg/ep/8"]).status == .ok)
                try #require(try await h.transition(episode, to: "published").status == .ok)
                let told = try await received(2)
                try #require(told.count == 2, "\(told)")
                #expect(told[1].replayURL == "https://media.example.kg/ep/8#t=754")
                #expect(told[1].episodeId == told[0].episodeId && told[1].summary == told[0].summary)
            }
        }
    }
}
