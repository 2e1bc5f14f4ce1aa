import EventsAndHearings
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import Synchronization
import TestSupport
import Testing

/// Events-and-hearings tells the services that receive its facts when an event is held and when a
/// recommendation's status changes, through the outbox and real HTTP, with references and codes only.
@Suite struct EventFactsTests {
    /// A service that receives the facts and keeps what arrived, in order.
    final class Receiver: Sendable {
        let received = Mutex([(type: String, payload: String)]())

        func definition() -> ServiceDefinition {
            ServiceDefinition(service: PlatformService(name: "grants"), migrations: []) { router, dependencies in
                let handlers = ["events.event.held", "events.recommendation.status_changed"].map { type in
                    InboxHandler(type: type, senders: ["events-and-hearings"]) { message, _ in
                        let payload = String(decoding: try JSONEncoder.api.encode(message.payload), as: UTF8.self)
                        self.received.withLock { $0.append((message.type, payload)) }
                    }
                }
                InboxRoutes(database: dependencies.database, handlers: handlers).register(on: router)
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aHeldEventAndARecommendationsMovesAreTold(kind: DatabaseKind) async throws {
        let receiver = Receiver()
        try await ServiceHarness.run(receiver.definition(), setup: .live) { receiving in
            let directory = TestDirectory()
            let events = EventsAndHearingsService.definition(
                factReceivers: { type in type.hasPrefix("events.") ? ["grants"] : [] }, organizations: .directory(directory))
            try await ServiceHarness.run(events, on: kind, settings: ["services.grants.url": try receiving.url], setup: .live) { service in
                let h = EventsHarness(service: service, directory: directory)
                let event = try await h.heldEvent()
                let ministry = UUID()
                let recommendation = try await h.recommend(event.id, to: ministry)
                #expect(try await h.move(recommendation.id, to: "accepted").status == .ok)
                #expect(
                    try await h.changeResource(
                        .post, "/api/v1/events/recommendations/\(recommendation.id)", "/progress",
                        json: ["progress": 5, "evidence": ["note": "n"]]
                    ).status == .conflict)

                var arrived = false
                for _ in 0..<1500 where !arrived {
                    arrived = receiver.received.withLock { $0.count } >= 2
                    if !arrived { try await Task.sleep(for: .milliseconds(20)) }
                }
                // A moment more, so a third message (one too many) would show.
                try await Task.sleep(for: .milliseconds(200))
                let received = receiver.received.withLock { $0 }
                #expect(received.map(\.type) == ["events.event.held", "events.recommendation.status_changed"])
                let held = try #require(received.first?.payload)
                #expect(held.lowercased().contains(#""id":"\#(event.id.lowercased())""#))
                #expect(held.contains(#""type":"hearing""#))
                #expect(held.contains(#""regionCode":"KG-N""#))
                #expect(held.contains(#""heldOn":"2027-03-10""#))
                let moved = try #require(received.last?.payload)
                #expect(moved.lowercased().contains(#""dutybearerid":"\#(ministry.uuidString.lowercased())""#))
                #expect(moved.contains(#""from":"proposed""#))
                #expect(moved.contains(#""to":"accepted""#))
                #expect(moved.contains(#""type":"recommendation""#))
                // Evidence stays in the service.
                #expect(!moved.contains("Letter of the ministry"))
            }
        }
    }
}
