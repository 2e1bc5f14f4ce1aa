import Gateway
import HTTPTypes
import HummingbirdTesting
import Persistence
import ServiceKit
import TestSupport
import Testing

@Suite struct GatewayStartsTests {
    @Test(arguments: TestDatabases.kinds)
    func theGatewayMigratesAndAnswersReadyWithoutAnAssertion(kind: DatabaseKind) async throws {
        let temporary = try await TemporaryDatabase.create(kind)
        do {
            let gateway = try await ServiceInstance.build(
                GatewayService.definition, reader: TestConfiguration.reader(service: "gateway", database: temporary.settings)
            )
            let status = try await gateway.application.test(.router) { try await $0.execute(uri: "/ready", method: .get).status }
            #expect(status == .ok)
            try await temporary.drop()
        } catch {
            try? await temporary.drop()
            throw error
        }
    }

    /// A gateway whose database cannot be reached says why, and closes the upstream HTTP client its routes opened
    /// (one dropped open traps in a debug build, ending the test process).
    @Test func aGatewayThatCannotStartClosesWhatItsRoutesOpened() async throws {
        let port = try await ServiceHarness.freeLoopbackPort() // nothing listens there
        await #expect(throws: (any Error).self) {
            try await ServiceHarness.run(
                GatewayService.definition, database: .postgres(url: "postgres://nobody@127.0.0.1:\(port)/none"),
                settings: ["services.appeals.url": "http://127.0.0.1:\(port)"], setup: .live
            ) { _ in Issue.record("a gateway without its database served") }
        }
    }
}
