import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Broadcasts

/// The live stream of an episode's questions: each change as an event numbered by the feed, filtered by
/// what the subscriber may see, resumable with `Last-Event-ID`.
@Suite struct LiveStreamTests {
    @Test(arguments: TestDatabases.kinds)
    func staffSeeEveryChangeAndTheWallOnlyApprovedPublicTexts(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind, setup: .live) { h in
            let episode = try await h.openEpisode()
            let producer = try await LiveReader.open(h.service, episode: episode, as: BroadcastsHarness.coordinator)
            let wall = try await LiveReader.open(h.service, episode: episode, as: BroadcastsHarness.anonymous)

            let question = try await h.askedQuestion(episode, "My name is Aibek and my employer owes me wages").question.id
            #expect(await producer.eventually { $0.contains { $0.name == "question" && $0.data.contains(question) && $0.data.contains("Aibek") } })
            #expect(producer.head.status == 200 && producer.head.contentType.hasPrefix("text/event-stream"))
            // Approved with a public text: the wall gets it, in the public text only.
            #expect(try await QuestionModerationTests.moderate(h, episode, question, method: .patch, json: ["publicText": "Unpaid wages"]).status == .ok)
            #expect(try await QuestionModerationTests.moderate(h, episode, question, json: ["to": "approved"]).status == .ok)
            #expect(await wall.eventually { $0.contains { $0.name == "question" && $0.data.contains("Unpaid wages") } })
            let firstOnWall = try #require(wall.events.first)
            #expect(firstOnWall.data.contains(question) && firstOnWall.data.contains("\"state\":\"approved\""))
            #expect(await producer.eventually { $0.contains { $0.data.contains("\"state\":\"approved\"") } })

            // Hidden: the wall is told to take it down.
            #expect(try await QuestionModerationTests.moderate(h, episode, question, json: ["to": "hidden"]).status == .ok)
            #expect(await wall.eventually { $0.contains { $0.name == "removed" && $0.data.contains(question) } })
            #expect(await producer.eventually { $0.contains { $0.data.contains("\"state\":\"hidden\"") } })
            #expect(!wall.events.contains { $0.data.contains("Aibek") || $0.data.contains("originalText") })
            // The wall never heard of the question before it was approved: nothing while it was received.
            #expect(wall.events.map(\.name) == ["question", "removed"])
            // Nor of one rejected without ever being approved, not even that it went: the next approved one
            // follows the first's removal directly.
            let rejected = try await h.askedQuestion(episode, "A question the moderator rejects").question.id
            let rejection = ["to": "rejected", "reason": "Not a legal question"]
            #expect(try await QuestionModerationTests.moderate(h, episode, rejected, json: rejection).status == .ok)
            let next = try await h.askedQuestion(episode, "Who pays for a school uniform?").question.id
            #expect(try await QuestionModerationTests.moderate(h, episode, next, json: ["to": "approved"]).status == .ok)
            #expect(await wall.eventually { $0.contains { $0.data.contains(next) } })
            #expect(await producer.eventually { $0.contains { $0.data.contains(rejected) && $0.data.contains("\"state\":\"rejected\"") } })
            #expect(wall.events.map(\.name) == ["question", "removed", "question"])
            #expect(!wall.events.contains { $0.data.contains(rejected) })

            // Event IDs grow, and a reconnecting wall resumes after the last one it received.
            let ids = producer.events.compactMap { $0.id.flatMap(Int.init) }
            #expect(ids == ids.sorted() && Set(ids).count == ids.count)
            let resumed = try await LiveReader.open(h.service, episode: episode, as: BroadcastsHarness.anonymous, lastEventID: firstOnWall.id)
            #expect(await resumed.eventually { !$0.isEmpty })
            #expect(await resumed.eventually { $0.count == 2 })
            #expect(resumed.events.map(\.name) == ["removed", "question"])
            await producer.close()
            await wall.close()
            await resumed.close()
        }
    }

    @Test func aPlannedEpisodesStreamIsNotRevealedAndABadLastEventIDIsRefused() async throws {
        try await BroadcastsHarness.with { h in
            let planned = try await h.createEpisode()
            #expect(try await h.send(.get, "/api/v1/broadcasts/episodes/\(planned)/live").status == .notFound)
            let open = try await h.openEpisode()
            let bad = try await h.send(.get, "/api/v1/broadcasts/episodes/\(open)/live", headers: [HTTPField.Name("Last-Event-ID")!: "abc"])
            #expect(bad.status == .badRequest)
            #expect(bad.problemCode == "invalid_last_event_id")
        }
    }
}

/// With PostgreSQL, replicas wake one another's streams through `LISTEN/NOTIFY`.
@Suite(.enabled(if: TestDatabases.postgresURL != nil, "needs OPENMEDIA_TEST_POSTGRES_URL"))
struct LiveReplicaTests {
    @Test func aNoticeFromOneConnectionWakesTheListenerOfAnother() async throws {
        let database = try await TemporaryDatabase.create(.postgres)
        guard case .postgres(let url) = database.settings else { throw HarnessError("not PostgreSQL") }
        let signal = LiveSignal()
        let episode = UUID()
        let woken = signal.subscribe(episode)
        let listener = Task { try await LiveNotifications(url: url, signal: signal, logger: Logger(label: "test")).run() }
        let sender = try database.open()
        // Notices sent before the listener listens are lost (as between replicas): send until one wakes it.
        let notifier = Task {
            while !Task.isCancelled {
                await LiveNotifications.notify([episode], on: sender)
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        var iterator = woken.makeAsyncIterator()
        let wokeUp: Void? = await iterator.next()
        #expect(wokeUp != nil)
        notifier.cancel()
        listener.cancel()
        _ = await notifier.value
        _ = try? await listener.value
        try await sender.close()
        try await database.drop()
    }

    @Test func aChangeOnOneReplicaReachesASubscriberOfTheOther() async throws {
        let database = try await TemporaryDatabase.create(.postgres)
        try await ServiceHarness.run(BroadcastsService.definition, database: database.settings, setup: .live) { first in
            try await ServiceHarness.run(BroadcastsService.definition, database: database.settings, setup: .live) { second in
                let h = BroadcastsHarness(service: first)
                let episode = try await h.openEpisode()
                let screen = try await LiveReader.open(second, episode: episode, as: BroadcastsHarness.coordinator)
                let question = try await h.askedQuestion(episode, "Asked on the first replica").question.id
                #expect(await screen.eventually { $0.contains { $0.name == "question" && $0.data.contains(question) } })
                await screen.close()
            }
        }
        try await database.drop()
    }
}
