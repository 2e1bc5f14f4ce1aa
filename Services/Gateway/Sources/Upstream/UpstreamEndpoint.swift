import Foundation
import Models
import ServiceKit

/// Where a service listens, taken apart once at start-up so that forwarding a request parses no URL.
struct UpstreamEndpoint: Sendable, Equatable {
    /// The host name or address to connect to (an IPv6 address without brackets).
    let host: String
    /// The TCP port.
    let port: Int
    /// The `Host` header every request to the service carries: `host:port`.
    let hostHeader: String
    /// The base URL's path without a trailing slash, put before each forwarded target; usually empty.
    let basePath: String

    init(host: String, port: Int, basePath: String = "") {
        self.host = host
        self.port = port
        hostHeader = (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
        self.basePath = basePath.hasSuffix("/") ? String(basePath.dropLast()) : basePath
    }

    /// The endpoint of a service's base URL, which `setting` configures.
    ///
    /// - Throws: ``ConfigurationError`` naming `setting` when the URL is not plain `http` with a host: the
    ///   gateway forwards over plain HTTP on the internal network and has no TLS client for forwarding.
    init(url: URL, setting: String) throws(ConfigurationError) {
        guard url.scheme?.lowercased() == "http", let host = url.host, !host.isEmpty else {
            throw ConfigurationError(
                setting: setting,
                problem: "the gateway forwards over plain HTTP on the internal network; expected an http:// URL, got \"\(url.absoluteString)\""
            )
        }
        // Foundation keeps the brackets of an IPv6 host on some platforms; the socket wants the bare address.
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.init(host: bare, port: url.port ?? 80, basePath: url.path)
    }

    /// The environment variable of `upstream`'s base URL, as ServiceSettings reads it, for error messages.
    static func urlSetting(of upstream: Upstream) -> String {
        SettingsReader.environmentName("services.\(upstream.name.replacingOccurrences(of: "-", with: ".")).url")
    }
}
