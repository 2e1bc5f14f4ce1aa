import HTTPTypes
import NIOHTTP1
import Testing

@testable import Gateway

@Suite struct ForwardedHeadersTests {
    @Test func headersNamedInConnectionAreHopByHopBothWays() {
        var fields = HTTPFields()
        fields[.connection] = "keep-alive, X-Private-Hop"
        fields[HTTPField.Name("X-Private-Hop")!] = "secret"
        fields[HTTPField.Name("X-Kept")!] = "yes"
        var upstream = HTTPHeaders()
        ForwardedHeaders.appendUpstreamRequestHeaders(from: fields, to: &upstream)
        #expect(upstream["x-private-hop"].isEmpty)
        #expect(upstream["connection"].isEmpty)
        #expect(upstream["x-kept"] == ["yes"])

        let response = ForwardedHeaders.clientResponseHeaders(from: [
            "Connection": "X-Upstream-Secret", "X-Upstream-Secret": "hop", "Keep-Alive": "timeout=5", "ETag": "\"7\"",
        ])
        #expect(response[HTTPField.Name("X-Upstream-Secret")!] == nil)
        #expect(response[HTTPField.Name("Keep-Alive")!] == nil)
        #expect(response[.eTag] == "\"7\"")
    }
}
