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
}
