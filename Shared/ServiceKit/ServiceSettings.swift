import Configuration
import Crypto
import Foundation
import Logging
import Models
import Persistence

/// Everything a service reads from its configuration, validated at start-up.
public struct ServiceSettings: Sendable {
    /// The service's name as ops see it, e.g. `appeals`; also its identity-assertion audience.
    public var serviceName: String
    /// The address to listen on (`HTTP_HOST`).
    public var host: String
    /// The port to listen on (`HTTP_PORT`).
    public var port: Int
    /// The least severe level that is logged (`LOG_LEVEL`).
    public var logLevel: Logger.Level
    /// The largest request body accepted (`HTTP_MAX_BODY_BYTES`).
    public var maxBodyBytes: Int
    /// How long clients may take over their requests (`HTTP_HEADER_TIMEOUT_SECONDS`, `HTTP_BODY_TIMEOUT_SECONDS`,
    /// `HTTP_IDLE_TIMEOUT_SECONDS`).
    public var timeouts: HTTPTimeouts
    /// Where the data lives (`DATABASE_URL`, `OPENMEDIA_DATA_DIR`).
    public var database: DatabaseSettings
    /// This service's own Ed25519 key for signing its calls (`IDENTITY_SIGNING_KEY`).
    public var signingKey: Curve25519.Signing.PrivateKey
    /// The gateway's public key (`IDENTITY_GATEWAY_PUBLIC_KEY`); `nil` only for the gateway itself.
    public var gatewayPublicKey: Curve25519.Signing.PublicKey?
    /// Public keys of services allowed to call this one (`IDENTITY_TRUSTED_SERVICES`, `name=key,…`).
    public var trustedServiceKeys: [String: Curve25519.Signing.PublicKey]
    /// Base URLs of the other services (`SERVICES_<NAME>_URL`), for the service client.
    public var serviceURLs: [String: URL]

    /// The names of every service, for URL settings and validation: ``ServiceCatalog``'s.
    public static let serviceNames = ServiceCatalog.all.map(\.name)

    /// Reads and validates the settings of `serviceName`.
    ///
    /// - Parameters:
    ///   - defaultPort: The port when `HTTP_PORT` is unset.
    ///   - requiresGatewayKey: Whether this service verifies gateway assertions (all but the gateway).
    /// - Throws: ``ConfigurationError`` naming the first bad setting.
    public init(serviceName: String, reader: ConfigReader, defaultPort: Int, requiresGatewayKey: Bool) throws {
        let settings = SettingsReader(reader: reader)
        self.serviceName = serviceName
        host = try settings.string("http.host", default: "127.0.0.1")
        port = try settings.int("http.port", default: defaultPort, in: 0...65535)
        maxBodyBytes = try settings.int("http.max.body.bytes", default: BodyLimitMiddleware.defaultLimit, in: 1024...(64 << 20))
        timeouts = HTTPTimeouts(
            header: .seconds(try settings.int("http.header.timeout.seconds", default: 10, in: 1...3600)),
            body: .seconds(try settings.int("http.body.timeout.seconds", default: 30, in: 1...3600)),
            idle: .seconds(try settings.int("http.idle.timeout.seconds", default: 60, in: 1...3600))
        )
        let level = try settings.string("log.level", default: "info")
        guard let logLevel = Logger.Level(rawValue: level.lowercased()) else {
            throw ConfigurationError(setting: "LOG_LEVEL", problem: "expected one of trace, debug, info, notice, warning, error, critical; got \"\(level)\"")
        }
        self.logLevel = logLevel
        let databaseURL = try settings.string("database.url", isSecret: true)
        let dataDirectory = try settings.string("openmedia.data.dir", default: "./data")
        do {
            database = try DatabaseSettings(databaseURL: databaseURL, dataDirectory: dataDirectory, serviceName: serviceName)
        } catch {
            throw ConfigurationError(setting: "DATABASE_URL", problem: error.description)
        }

        let signingKeyText = try settings.requiredString(
            "identity.signing.key", isSecret: true, meaning: "this service's Ed25519 private key, base64 of 32 bytes"
        )
        guard let signingKey = IdentityKeys.privateKey(from: signingKeyText) else {
            throw ConfigurationError(setting: "IDENTITY_SIGNING_KEY", problem: "expected base64 of a 32-byte Ed25519 private key")
        }
        self.signingKey = signingKey

        if requiresGatewayKey {
            let text = try settings.requiredString("identity.gateway.public.key", meaning: "the gateway's Ed25519 public key, base64 of 32 bytes")
            guard let key = IdentityKeys.publicKey(from: text) else {
                throw ConfigurationError(setting: "IDENTITY_GATEWAY_PUBLIC_KEY", problem: "expected base64 of a 32-byte Ed25519 public key")
            }
            gatewayPublicKey = key
        } else {
            gatewayPublicKey = nil
        }

        trustedServiceKeys = [:]
        for entry in try settings.string("identity.trusted.services", default: "").split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, Self.serviceNames.contains(parts[0]), parts[0] != "gateway",
                let key = IdentityKeys.publicKey(from: parts[1])
            else {
                throw ConfigurationError(
                    setting: "IDENTITY_TRUSTED_SERVICES",
                    problem: "expected comma-separated name=base64-public-key entries naming services, got \"\(entry.prefix(40))\""
                )
            }
            trustedServiceKeys[parts[0]] = key
        }

        serviceURLs = [:]
        for name in Self.serviceNames where name != serviceName {
            let key = "services.\(name.replacingOccurrences(of: "-", with: ".")).url"
            guard let text = try settings.string(key) else { continue }
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ConfigurationError(setting: SettingsReader.environmentName(key), problem: "expected an http(s) URL, got \"\(text)\"")
            }
            serviceURLs[name] = url
        }
    }
}
