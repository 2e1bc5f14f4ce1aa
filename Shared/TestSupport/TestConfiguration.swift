import Configuration
import Crypto
import Foundation
import Persistence
import ServiceKit
import Synchronization

/// Configuration for a service under test: its database, test keys, an ephemeral port, quiet logs.
public enum TestConfiguration {
    /// A loopback port nothing listens on (the discard service's, never run on test machines).
    public static let unreachablePort = 9
    /// The first admin every test gateway creates.
    public static let adminEmail = "admin@example.org"
    /// The first admin's password.
    public static let adminPassword = "correct horse battery staple"
    /// Random values for services' generated secrets, one per secret for the whole test run, so a service
    /// built twice (a restart) opens what it sealed before.
    private static let generatedSecrets = Mutex([String: String]())

    /// A reader for the service `definition` describes on `database`, with its generated secrets filled in;
    /// `overrides` (dotted keys) win over everything.
    public static func reader(
        for definition: ServiceDefinition, database: DatabaseSettings, overrides: [String: String] = [:]
    ) -> ConfigReader {
        var secrets: [String: String] = [:]
        for secret in definition.generatedSecrets {
            let random = generatedSecrets.withLock { values in
                if let value = values[secret.fileName] { return value }
                let value = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) }.base64EncodedString()
                values[secret.fileName] = value
                return value
            }
            secrets[secret.setting] = secret.value(random)
        }
        return reader(service: definition.name, database: database, overrides: secrets.merging(overrides) { _, override in override })
    }

    /// A reader for `service` on `database`; `overrides` (dotted keys) win over everything.
    ///
    /// The first admin's settings are given to every service; only the gateway reads them.
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
            "openmedia.admin.email": TestConfiguration.adminEmail,
            "openmedia.admin.password": TestConfiguration.adminPassword,
            "gateway.bcrypt.cost": "10",
            // Tests run many gateways at once: each lets the system choose its metrics port.
            "gateway.metrics.port": "0",
            // A test's client holds one connection and never reopens it; a loaded machine can pause a test
            // between two requests for longer than the production idle timeout, which would close it.
            "http.idle.timeout.seconds": "3600",
            // The same for the dashboards' calls to the services: under a full test run a service may take more
            // than the production 3 s to answer; the tests of a slow service set their own.
            "gateway.dashboard.source.timeout.milliseconds": "30000",
            // Where no gateway listens: a service that asks the gateway (events checks organisations in its directory)
            // is refused at once, as when the gateway is down. Tests that need the gateway's answers run one in front
            // (`ServiceHarness.runWithGateway`), or give events a directory of their own.
            "services.gateway.url": "http://127.0.0.1:\(unreachablePort)",
        ]
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
