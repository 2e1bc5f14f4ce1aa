import HummingbirdTesting
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

/// `<service> healthcheck`, which compose and the images use because runtime images have no curl.
@Suite struct HealthcheckTests {
    /// The arguments the process would see for `<service> healthcheck --http-port <port>` after the
    /// subcommand is removed.
    static func arguments(port: Int) -> [String] {
        ["appeals", "--http-port", String(port)]
    }

    @Test func succeedsWhileTheServiceIsReadyAndFailsOnceItDrainsOrStops() async throws {
        let definition = TestService.definition(executions: .init())
        let port = try await TestService.with(.sqlite, setup: .live) { service, _ in
            let client = service.client
            let port = client.port!
            // A minute to answer: under a full test run the machine may take longer than the probe's 3 s.
            #expect(await ServiceMain.healthcheck(definition, arguments: Self.arguments(port: port), timeout: .seconds(60)) == 0)
            service.readiness.beginDraining()
            #expect(await ServiceMain.healthcheck(definition, arguments: Self.arguments(port: port), timeout: .seconds(60)) == 1)
            return port
        }
        // The server has stopped: nothing listens on the port any more.
        #expect(await ServiceMain.healthcheck(definition, arguments: Self.arguments(port: port), timeout: .seconds(1)) == 1)
    }

    @Test func aMalformedPortFailsWithoutProbing() async {
        let definition = TestService.definition(executions: .init())
        #expect(await ServiceMain.healthcheck(definition, arguments: ["appeals", "--http-port", "eighty"]) == 1)
    }
}
