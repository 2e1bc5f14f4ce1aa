import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

#if canImport(Glibc)
    import Glibc
#endif

/// Gives every request a pseudonymous client key (``ServiceRequestContext/clientKey``): an HMAC of the
/// client's address under a key derived from the gateway's signing key, so it is the same on every
/// replica and means nothing anywhere else. Rate limits and sign-in throttling use it, and it travels in
/// the identity assertion so services can throttle too (wrong tracking codes) without seeing addresses.
struct ClientKeyMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    static let forwardedFor = HTTPField.Name("X-Forwarded-For")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    let resolver: ClientAddressResolver
    let key: SymmetricKey

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let address = resolver.clientAddress(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[values: Self.forwardedFor])
        context.clientKey = clientKey(for: address ?? "unknown")
        context.isOverHTTPS = resolver.isOverHTTPS(peer: context.remoteAddress?.ipAddress, forwardedProto: request.headers[Self.forwardedProto])
        return try await next(request, context)
    }

    /// The key of the client at `address`: of its IPv4 address, or of its IPv6 /64 network (see
    /// ``IPNetwork/clientNetwork(of:)``), so that one client cannot escape its limits by changing addresses.
    func clientKey(for address: String) -> String {
        let input = IPNetwork.clientNetwork(of: address) ?? Array(address.utf8)
        return Data(HMAC<SHA256>.authenticationCode(for: input, using: key)).prefix(12).base64EncodedString()
    }
}

/// Finds the client's address behind the reverse proxies the operators trust (`GATEWAY_TRUSTED_PROXIES`).
///
/// Without trusted proxies the client is the socket's peer and `X-Forwarded-For` is ignored: anyone can
/// write that header. When the peer is trusted, the client is the last address in `X-Forwarded-For` that
/// is not itself a trusted proxy, since each proxy appends the address it received the request from.
struct ClientAddressResolver: Sendable {
    let trustedProxies: [IPNetwork]

    func clientAddress(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, isTrusted(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard let bytes = IPNetwork.bytes(of: hop) else { return peer } // not an address: trust no further
            if !trustedProxies.contains(where: { $0.contains(bytes) }) { return hop }
        }
        return hops.first ?? peer
    }

    /// Whether the client used HTTPS: only a trusted proxy's `X-Forwarded-Proto` can say so, since the
    /// gateway itself speaks plain HTTP; the proxy nearest the client writes the first value.
    func isOverHTTPS(peer: String?, forwardedProto: String?) -> Bool {
        guard let peer, isTrusted(peer), let forwardedProto else { return false }
        return forwardedProto.split(separator: ",").first?.trimmingCharacters(in: .whitespaces).lowercased() == "https"
    }

    private func isTrusted(_ address: String) -> Bool {
        guard let bytes = IPNetwork.bytes(of: address) else { return false }
        return trustedProxies.contains { $0.contains(bytes) }
    }
}

/// An IPv4 or IPv6 network: `192.0.2.10`, `172.16.0.0/12`, `fd00::/8`.
struct IPNetwork: Sendable, Equatable {
    let address: [UInt8]
    let prefixLength: Int

    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let address = Self.bytes(of: String(first)) else { return nil }
        let length = parts.count == 2 ? Int(parts[1]) : address.count * 8
        guard let length, (0...address.count * 8).contains(length) else { return nil }
        self.address = address
        prefixLength = length
    }

    func contains(_ other: [UInt8]) -> Bool {
        guard other.count == address.count else { return false }
        var remaining = prefixLength
        for (lhs, rhs) in zip(other, address) where remaining > 0 {
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - min(8, remaining)))
            if lhs & mask != rhs & mask { return false }
            remaining -= 8
        }
        return true
    }

    /// The bits of an IPv6 address that name one subscriber: a household or a carrier's customer is given
    /// a whole /64 and picks addresses in it at will.
    static let subscriberPrefixBytes = 8
    /// The first 12 bytes of an IPv4 address mapped in IPv6 (`::ffff:192.0.2.1`).
    private static let ipv4MappedPrefix: [UInt8] = Array(repeating: 0, count: 10) + [0xFF, 0xFF]

    /// The address's bytes (4 or 16), or `nil` when `text` is not an IP address. An IPv4 address mapped
    /// in IPv6 gives the IPv4 address's 4 bytes: it is the same client, whichever way the socket shows it.
    static func bytes(of text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        return bytes.starts(with: ipv4MappedPrefix) ? Array(bytes.suffix(4)) : bytes
    }

    /// What identifies the client at `address` for limits and throttles: its IPv4 address (4 bytes), or
    /// the /64 network of its IPv6 address (8 bytes); `nil` when `address` is not an IP address.
    static func clientNetwork(of address: String) -> [UInt8]? {
        guard let bytes = bytes(of: address) else { return nil }
        return bytes.count == 4 ? bytes : Array(bytes.prefix(subscriberPrefixBytes))
    }
}
