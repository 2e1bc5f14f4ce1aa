import Appeals
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Logging
import Models
import NIOCore
import NIOPosix
import Persistence
import SQLKit
import ServiceKit
import ServiceLifecycle
import Synchronization
import TestSupport
import Testing

/// The link from broadcasts to appeals end to end (issue 15): broadcasts' outbox writes
/// `broadcasts.question.answered` while appeals is down; appeals comes back on the same data and address, the
/// message arrives once, and the appellant tracking the code through the gateway sees the answer on air.
@Suite struct AppealOnAirEndToEndTests {
    /// Stands in for the broadcasts service: a service named `broadcasts` whose real outbox and delivery
    /// worker (ServiceKit's, started with it) send what the test writes.
    final class Sender: Sendable {
        let dependencies = Mutex<ServiceDependencies?>(nil)

        func definition() -> ServiceDefinition {
            ServiceDefinition(service: PlatformService(name: "broadcasts"), migrations: []) { _, dependencies in
                self.dependencies.withLock { $0 = dependencies }
            }
        }

        /// Writes the message in a transaction, as broadcasts does when a legal expert approves the summary.
        func send(_ answer: BroadcastAnswer) async throws {
            let dependencies = try #require(self.dependencies.withLock { $0 })
            let message = try OutboxMessage(
                type: BroadcastAnswer.messageType, aggregate: "question:\(UUID().text)", receiver: "appeals", payload: answer)
            try await dependencies.database.transaction { session in try await dependencies.outbox.enqueue([message], on: session) }
            dependencies.outbox.deliverSoon()
        }

        /// The outbox's one message: how often it was tried, and whether it was delivered.
        func state() async throws -> (attempts: Int, delivered: Bool) {
            let dependencies = try #require(self.dependencies.withLock { $0 })
            let row = try #require(try await dependencies.database.sql.raw("SELECT attempts, delivered_at FROM outbox_messages").first())
            return (try row.decode(column: "attempts", as: Int.self), try row.decode(column: "delivered_at", as: Int64?.self) != nil)
        }
    }

    /// Waits until `condition` holds, for up to 30 s (a generous bound, not a timing assertion).
    static func eventually(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        for _ in 0..<1500 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    @Test(arguments: TestDatabases.kinds)
    func anAnswerWrittenWhileAppealsIsDownArrivesOnceAndTheAppellantSeesIt(kind: DatabaseKind) async throws {
        let appealsData = try await TemporaryDatabase.create(kind)
        do {
            // Appeals' first life (in-process): an appeal is received and verified; then appeals stops.
            let receipt = try await ServiceHarness.run(AppealsService.definition, database: appealsData.settings) { service in
                try await AppealOnAirAnswerTests.verifiedAppeal(AppealsHarness(service: service))
            }
            let port = try await ServiceHarness.freeLoopbackPort()
            let url = "http://127.0.0.1:\(port)"
            let code = try #require(receipt.trackingCode)

            var policy = OutboxPolicy()
            policy.pollInterval = .milliseconds(20)
            policy.baseDelay = .milliseconds(20)
            policy.maximumDelay = .milliseconds(200)
            // Appeals is down for a while (a gateway starts meanwhile): the message must outlast many failures.
            policy.maximumAttempts = 1_000_000
            // Longer than any delivery takes on a loaded machine: a lapsed lease would send a message twice.
            policy.lease = .seconds(60)
            let sender = Sender()
            try await ServiceHarness.run(sender.definition(), on: kind, settings: ["services.appeals.url": url], setup: .live, outboxPolicy: policy) { _ in
                try await sender.send(try AppealOnAirAnswerTests.answer(about: receipt.id))
                // Appeals is down: the outbox tries, fails, and keeps the message.
                #expect(try await Self.eventually { try await sender.state().attempts >= 2 })
                #expect(try await sender.state().delivered == false)

                try await ServiceHarness.run(GatewayService.definition, on: kind, settings: ["services.appeals.url": url]) { gateway in
                    // Appeals' second life, on the same data, at the address the outbox and the gateway were given.
                    try await ServiceHarness.serve(AppealsService.definition, database: appealsData.settings, port: port) {
                        #expect(try await Self.eventually { try await sender.state().delivered })
                        let tracked = try await gateway.client.execute(
                            uri: "/api/v1/appeals/track", method: .post, headers: [.contentType: "application/json"],
                            body: try AppealsHarness.body(["code": code]))
                        let tracking = try tracked.decoded(as: OnAirTracking.self)
                        #expect(tracking.status == "answered")
                        #expect(tracking.responses.count == 1)
                        #expect(tracking.responses.first?.onAir?.replayURL == "https://media.example.kg/ep/7#t=754")

                        // The tracking page, in the appellant's language, with the replay link at the timecode.
                        let browser = PageVisitor(gateway.client)
                        try await browser.open("/track?lang=en")
                        let page = try await browser.submit("/track", [("code", code)])
                        #expect(page.status == .ok)
                        #expect(page.text.contains("The rights hour"))
                        #expect(page.text.contains("The school must enrol the pupil."))
                        #expect(page.text.contains(#"href="https://media.example.kg/ep/7#t=754""#))
                        #expect(page.text.contains("Answered on air"))
                    }
                }
            }
            try await appealsData.drop()
        } catch {
            try? await appealsData.drop()
            throw error
        }
    }
}
