import Configuration
import Crypto
import Foundation
import Persistence
import ServiceKit

/// Configuration for a service under test: its database, test keys, an ephemeral port, quiet logs.
public enum TestConfiguration {
    /// The first admin every test gateway creates.
    public static let adminEmail = "admin@example.org"
    /// The first admin's password.
    public static let adminPassword = "correct horse battery staple"
    /// The key that seals appellants' data in test appeals databases (base64 of 32 random bytes).
    public static let appealsEncryptionKey = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
    /// The key that hashes tracking codes in tests.
    public static let appealsTrackingKey = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()

    /// A reader for `service` on `database`; `overrides` (dotted keys) win over everything.
    public static func reader(
        service: String, database: DatabaseSettings, overrides: [String: String] = [:]
    ) -> ConfigReader {
        var values: [String: String] = [
            "http.host": "127.0.0.1",
            "http.port": "0",
            "log.level": "warning",
            // The gateway signs with the key every test service trusts as the gateway's.
            "identity.signing.key": (service == "gateway" ? TestIdentities.gatewayKey : TestIdentities.serviceKeys[service]!)
                .rawRepresentation.base64EncodedString(),
            "identity.gateway.public.key": TestIdentities.gatewayKey.publicKey.rawRepresentation.base64EncodedString(),
            "identity.trusted.services": TestIdentities.serviceKeys
                .filter { $0.key != "gateway" && $0.key != service }
                .map { "\($0.key)=\($0.value.publicKey.rawRepresentation.base64EncodedString())" }
                .sorted()
                .joined(separator: ","),
        ]
        if service == "appeals" {
            values["appeals.encryption.keys"] = "k1:" + TestConfiguration.appealsEncryptionKey
            values["appeals.tracking.key"] = TestConfiguration.appealsTrackingKey
        }
        if service == "gateway" {
            values["openmedia.admin.email"] = TestConfiguration.adminEmail
            values["openmedia.admin.password"] = TestConfiguration.adminPassword
            values["gateway.bcrypt.cost"] = "10"
            // Tests run many gateways at once: each lets the system choose its metrics port.
            values["gateway.metrics.port"] = "0"
        }
        switch database {
        case .postgres(let url): values["database.url"] = url
        case .sqlite(let path):
            values["database.url"] = ""
            values["openmedia.data.dir"] = URL(fileURLWithPath: path).deletingLastPathComponent().path
        }
        values.merge(overrides) { _, override in override }
        var config: [AbsoluteConfigKey: ConfigValue] = [:]
        for (key, value) in values {
            config[AbsoluteConfigKey(stringLiteral: key)] = .init(.string(value), isSecret: false)
        }
        return ConfigReader(provider: InMemoryProvider(name: "test", values: config))
    }
}
