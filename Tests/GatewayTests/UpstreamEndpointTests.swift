import Foundation
import Models
import ServiceKit
import Testing

@testable import Gateway

@Suite struct UpstreamEndpointTests {
    @Test func aServiceURLIsTakenApartOnce() throws {
        let endpoint = try UpstreamEndpoint(url: URL(string: "http://appeals:8081")!, setting: "SERVICES_APPEALS_URL")
        #expect(endpoint == UpstreamEndpoint(host: "appeals", port: 8081))
        #expect(endpoint.hostHeader == "appeals:8081")
        #expect(endpoint.basePath == "")

        let withPath = try UpstreamEndpoint(url: URL(string: "http://10.0.0.7/appeals/")!, setting: "SERVICES_APPEALS_URL")
        #expect(withPath.port == 80)
        #expect(withPath.basePath == "/appeals")
        #expect(UpstreamEndpoint(host: "::1", port: 8081).hostHeader == "[::1]:8081")
    }

    @Test func aServiceURLTheGatewayCannotForwardToStopsStartUpNamingTheSetting() {
        #expect(throws: ConfigurationError.self) {
            try UpstreamEndpoint(url: URL(string: "https://appeals:8443")!, setting: "SERVICES_APPEALS_URL")
        }
        do {
            _ = try UpstreamEndpoint(url: URL(string: "https://appeals:8443")!, setting: "SERVICES_APPEALS_URL")
        } catch {
            #expect(error.setting == "SERVICES_APPEALS_URL")
        }
        #expect(UpstreamEndpoint.urlSetting(of: Upstream.all.first { $0.name == "events-and-hearings" }!) == "SERVICES_EVENTS_AND_HEARINGS_URL")
    }
}
