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

/// The privacy canary: an asker's name, phone, email and receipt code never reach the logs (the gateway's or
/// the service's), the metrics, the raw database, the live stream or any answer to a caller who is not a
/// coordinator. The public asks through the gateway.
@Suite struct QuestionPrivacyTests {
    @Test(arguments: TestDatabases.kinds)
    func anAskersContactNeverReachesLogsMetricsTheDatabaseOrAnyoneButCoordinators(kind: DatabaseKind) async throws {
        let canary = "CANARY\(UUID().uuidString.prefix(8))"
        let name = "Aibek \(canary)"
        let phone = "+996 555 \(Int.random(in: 100_000...999_999))"
        let email = "\(canary.lowercased())@example.org"
        let logs = LogCapture()
        let (code, leaks, file) = try await ServiceHarness.run(BroadcastsService.definition, on: kind, setup: .live, logs: logs) { service in
            try await ServiceHarness.runGateway(GatewayService.definition, inFrontOf: [service], on: kind, setup: .live, logs: logs) { gateway in
                let h = BroadcastsHarness(service: service)
                let episode = try await h.openEpisode("live", ["moderationMode": "permissive"])
                var headers: HTTPFields = [.contentType: "application/json"]
                headers[.accept] = "application/json"
                let body = try JSONSerialization.data(withJSONObject: [
                    "episodeId": episode, "text": "Is my employer allowed to keep my passport?", "name": name, "phone": phone, "email": email,
                    "sex": "male", "consent": ["sex": true],
                ])
                let asked = try await gateway.client.execute(
                    uri: "/api/v1/broadcasts/questions", method: .post, headers: headers, body: ByteBuffer(bytes: body))
                #expect(asked.status == .created)
                let receipt = try asked.decoded(as: QuestionReceiptView.self)
                let code = try #require(receipt.receiptCode)
                let id = receipt.question.id

                // Coordinators still read it: sealed, not lost.
                let path = "/api/v1/broadcasts/episodes/\(episode)/questions"
                let staff = try await h.send(.get, "\(path)/\(id)", as: BroadcastsHarness.coordinator).decoded(as: QuestionView.self)
                #expect(staff.asker?.name == name && staff.asker?.phone == phone && staff.asker?.email == email)
                let wall = try await LiveReader.open(service, episode: episode, as: BroadcastsHarness.anonymous)
                let screen = try await LiveReader.open(service, episode: episode, as: .principal([.admin]))
                _ = await wall.eventually { !$0.isEmpty }
                _ = await screen.eventually { !$0.isEmpty }
                await wall.close()
                await screen.close()

                var answers: [String] = (wall.events + screen.events).map(\.data)
                let paths = [path, "\(path)/\(id)", "\(path)/\(id)/history"]
                let others: [TestIdentity] = [
                    .anonymous(), .principal([.admin]), .principal([.journalist]), .principal([.legalExpert]), .partner(organizationID: UUID()),
                ]
                for caller in others {
                    for target in paths { answers.append(try await h.send(.get, target, as: caller).text) }
                }
                answers.append(try await h.send(.post, "/api/v1/broadcasts/questions/lookup", json: ["code": code]).text)
                answers.append(try await gateway.client.execute(uri: "/metrics", method: .get).text)
                answers.append(try await service.send(.get, "/metrics").text)
                let leaks = answers.filter { answer in [canary, phone, email].contains { answer.lowercased().contains($0.lowercased()) } }
                    .map { String($0.prefix(200)) }
                return (code, leaks, try RawDatabase(service.settings.database))
            }
        }
        #expect(leaks.isEmpty, "answers that hold the asker's data: \(leaks)")
        for secret in [canary, canary.lowercased(), phone, email, code, code.replacingOccurrences(of: "-", with: "")] {
            #expect(!file.holds(secret), "the database holds \(secret)")
            #expect(!logs.text.contains(secret), "the logs hold \(secret)")
        }
        #expect(logs.text.contains("request")) // the capture did see the traffic
        #expect(file.holds("keep my passport")) // and the raw contents do hold the question
    }
}
