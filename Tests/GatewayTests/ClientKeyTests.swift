import AsyncHTTPClient
import Crypto
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@testable import Gateway

@Suite struct ClientKeyTests {
    let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.0/8", "fd00::/8", "192.0.2.1"].compactMap(IPNetwork.init))

    @Test func networksParseAndMatchByPrefix() throws {
        let network = try #require(IPNetwork("172.16.0.0/12"))
        #expect(network.contains(IPNetwork.bytes(of: "172.31.255.1")!))
        #expect(!network.contains(IPNetwork.bytes(of: "172.32.0.1")!))
        #expect(!network.contains(IPNetwork.bytes(of: "::1")!))
        #expect(IPNetwork("fd00::/8")!.contains(IPNetwork.bytes(of: "fd12::5")!))
        #expect(IPNetwork("10.0.0.0/33") == nil)
        #expect(IPNetwork("example.org") == nil)
    }

    @Test func forwardedForIsBelievedOnlyFromTrustedProxies() {
        // An untrusted peer: its header is whatever the client wrote.
        #expect(resolver.clientAddress(peer: "198.51.100.7", forwardedFor: ["203.0.113.9"]) == "198.51.100.7")
        // A trusted peer: the last hop it did not add itself, skipping other trusted proxies.
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["203.0.113.9, 198.51.100.7"]) == "198.51.100.7")
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["203.0.113.9", "198.51.100.7, 10.9.9.9"]) == "198.51.100.7")
        #expect(resolver.clientAddress(peer: "192.0.2.1", forwardedFor: ["fd00::1, 10.0.0.5"]) == "fd00::1")
        // Nothing usable: the proxy itself is the client.
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: []) == "10.1.2.3")
        #expect(resolver.clientAddress(peer: "10.1.2.3", forwardedFor: ["<script>"]) == "10.1.2.3")
    }

    @Test func keysAreStablePerAddressAndRevealNothing() {
        let middleware = ClientKeyMiddleware(resolver: resolver, key: SymmetricKey(size: .bits256))
        let key = middleware.clientKey(for: "198.51.100.23")
        #expect(!key.contains("198"))
        #expect(key == middleware.clientKey(for: "198.51.100.23"))
        #expect(key != middleware.clientKey(for: "198.51.100.24"))
        #expect(key != ClientKeyMiddleware(resolver: resolver, key: SymmetricKey(size: .bits256)).clientKey(for: "198.51.100.23"))
    }

    @Test func anIPv6ClientIsKeyedOnItsSlash64AndAMappedIPv4AddressAsTheIPv4Address() {
        let middleware = ClientKeyMiddleware(resolver: resolver, key: SymmetricKey(size: .bits256))
        let household = middleware.clientKey(for: "2001:db8:1:2::1")
        #expect(middleware.clientKey(for: "2001:db8:1:2:ffff:abcd:1:9") == household, "another address of the same /64")
        #expect(middleware.clientKey(for: "2001:db8:1:3::1") != household, "the next /64 is another client")
        #expect(middleware.clientKey(for: "::ffff:198.51.100.23") == middleware.clientKey(for: "198.51.100.23"))
        #expect(middleware.clientKey(for: "::ffff:198.51.100.23") != middleware.clientKey(for: "198.51.100.24"))
        // A proxy the socket shows as a mapped address is still the trusted proxy.
        #expect(resolver.clientAddress(peer: "::ffff:10.1.2.3", forwardedFor: ["2001:db8::7"]) == "2001:db8::7")
    }

    @Test func limitsKeyOnTheSlash64ThroughALiveGateway() async throws {
        let overrides = ["gateway.trusted.proxies": "127.0.0.1", "gateway.rate.limit.anonymous.per.minute": "2"]
        try await TestGateway.withGateway(overrides: overrides) { client, _ in
            func send(from address: String) async throws -> HTTPResponse.Status {
                try await client.send("/api/v1/appeals/categories", headers: [ClientKeyMiddleware.forwardedFor: address]).status
            }
            var statuses: [HTTPResponse.Status] = []
            for address in ["2001:db8:7:7::1", "2001:db8:7:7::2", "2001:db8:7:7:9:9:9:9", "2001:db8:7:8::1"] {
                statuses.append(try await send(from: address))
            }
            // The third is a new address in the same /64, which shares the bucket; the fourth is another client.
            #expect(statuses == [.ok, .ok, .tooManyRequests, .ok])
        }
    }

    @Test func theServiceReceivesTheClientKeyInTheAssertion() async throws {
        try await TestGateway.withGateway(overrides: ["gateway.trusted.proxies": "127.0.0.1"]) { client, recorder in
            func send(from address: String) async throws -> String? {
                _ = try await client.send("/api/v1/appeals/categories", headers: [ClientKeyMiddleware.forwardedFor: address])
                return recorder.last?.clientKey
            }
            let first = try await send(from: "203.0.113.5")
            #expect(first != nil)
            #expect(try await send(from: "203.0.113.5") == first)
            #expect(try await send(from: "203.0.113.6") != first)
        }
    }
}
