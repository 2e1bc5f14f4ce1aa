import Appeals
import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import Synchronization
import TestSupport
import Testing

/// Appeals tells the services that receive its facts when an appeal is published and when it is answered,
/// through the outbox and real HTTP, with references and public texts only.
@Suite struct AppealFactsTests {
    /// A service that receives appeals' facts and keeps what arrived, in order.
    final class Receiver: Sendable {
        let received = Mutex([(type: String, payload: String)]())

        func definition() -> ServiceDefinition {
            ServiceDefinition(service: PlatformService(name: "grants"), migrations: []) { router, dependencies in
                let handlers = ["appeals.appeal.published", "appeals.appeal.answered"].map { type in
                    InboxHandler(type: type, senders: ["appeals"]) { message, _ in
                        let payload = String(decoding: try JSONEncoder.api.encode(message.payload), as: UTF8.self)
                        self.received.withLock { $0.append((message.type, payload)) }
                    }
                }
                InboxRoutes(database: dependencies.database, handlers: handlers).register(on: router)
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func publishedAndAnsweredAppealsAreToldWithoutPersonalData(kind: DatabaseKind) async throws {
        let receiver = Receiver()
        try await ServiceHarness.run(receiver.definition(), setup: .live) { receiving in
            let appeals = AppealsService.definition { type in type.hasPrefix("appeals.appeal.") ? ["grants"] : [] }
            try await AppealsHarness.with(kind, setup: .live, appeals: appeals, appealsSettings: ["services.grants.url": try receiving.url]) { h in
                var submission = AppealsHarness.submission(
                    description: "Canary-description-7Q",
                    submitter: [
                        "name": "Canary Name", "phone": "+996 555 123456", "vulnerableGroups": ["lgbti"],
                    ])
                submission["locality"] = "Canary street 5"
                let id = try await h.submit(submission).id
                #expect(try await h.transition(id, to: "in_verification").status == .ok)
                #expect(
                    try await h.change(
                        .post, id, "/verification",
                        json: ["sourcesChecked": ["school"], "evidenceNotes": "Seen.", "outcome": "confirmed"]
                    ).status == .ok)
                #expect(try await h.transition(id, to: "verified").status == .ok)
                #expect(
                    try await h.change(
                        .post, id, "/publication",
                        json: ["title": ["en": "School refusal"], "summary": ["en": "Refused a pupil."]]
                    ).status == .ok)
                #expect(try await h.change(.post, id, "/responses", json: ["text": "Answered.", "channel": "written"]).status == .ok)
                let publicID = try #require(try await h.send(.get, "/api/v1/appeals/published").decoded(as: PublishedList.self).items.first?.id)

                var arrived = false
                for _ in 0..<1500 where !arrived {
                    arrived = receiver.received.withLock { $0.count } >= 2
                    if !arrived { try await Task.sleep(for: .milliseconds(20)) }
                }
                let received = receiver.received.withLock { $0 }
                #expect(received.map(\.type) == ["appeals.appeal.published", "appeals.appeal.answered"])
                let published = try #require(received.first?.payload)
                #expect(published.lowercased().contains(#""id":"\#(id.lowercased())""#))
                #expect(published.lowercased().contains(#""publicid":"\#(publicID.lowercased())""#))
                #expect(published.contains(#""en":"School refusal""#))
                #expect(published.contains(#""regionCode":"KG-N""#))
                for canary in ["Canary", "123456", "lgbti", "Seen."] {
                    #expect(!received.contains { $0.payload.contains(canary) }, "\(canary) left appeals")
                }
            }
        }
    }
}
