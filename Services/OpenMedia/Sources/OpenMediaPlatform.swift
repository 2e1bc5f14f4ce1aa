import Appeals
import Broadcasts
import Configuration
import EventsAndHearings
import Foundation
import Gateway
import Grants
import Knowledge
import Logging
import MediaPartners
import ServiceKit
import ServiceLifecycle
import UnixSignals

/// The whole platform in one process for local use: six services on free loopback ports and the gateway
/// on a known one, talking real HTTP with real identity assertions, each on its own SQLite file.
public struct OpenMediaPlatform: Sendable {
    /// The services, gateway last: a `ServiceGroup` stops services in reverse order, so the gateway
    /// stops taking requests before the services behind it stop.
    public let services: [ServiceInstance]
    /// The gateway's URL.
    public let gatewayURL: String

    /// The services behind the gateway, in start order.
    public static let backends: [ServiceDefinition] = [
        AppealsService.definition,
        EventsAndHearingsService.definition,
        MediaPartnersService.definition,
        BroadcastsService.definition,
        KnowledgeService.definition,
        GrantsService.definition,
    ]

    /// Builds the platform from configuration `providers` (highest precedence first): `--port`
    /// (default 8080) for the gateway and `OPENMEDIA_DATA_DIR` (default `./data`) for the data and keys.
    /// Other settings (`LOG_LEVEL`, …) apply to every service.
    ///
    /// - Parameter onReady: Called once the gateway listens, with its URL and, when the first admin's
    ///   password was generated, the file that holds it.
    public static func build(
        providers: [any ConfigProvider],
        onReady: @escaping @Sendable (_ url: String, _ adminCredentialsFile: String?) -> Void = { _, _ in }
    ) async throws -> OpenMediaPlatform {
        let settings = SettingsReader(reader: ConfigReader(providers: providers))
        let host = "127.0.0.1"
        let configuredPort = try settings.int("port", default: 8080, in: 0...65535)
        // Chosen now even when the system may choose (0): the services call the gateway too (events asks its directory).
        let gatewayPort = configuredPort == 0 ? try await LoopbackPorts.free(host: host) : configuredPort
        let dataDirectory = URL(fileURLWithPath: try settings.string("openmedia.data.dir", default: "./data"))
        let keys = try PlatformKeys(dataDirectory: dataDirectory, serviceNames: ServiceSettings.serviceNames)
        let adminCredentialsFile = dataDirectory.appendingPathComponent("admin-credentials").path
        if configuredPort != 0 {
            try await LoopbackPorts.checkAvailable(host: host, port: gatewayPort)
        }

        var ports: [String: Int] = [:]
        for definition in backends {
            ports[definition.name] = try await LoopbackPorts.free(host: host)
        }
        ports[GatewayService.definition.name] = gatewayPort
        // The gateway's metrics listener on a free port too: several platforms may run on one host (tests).
        let gatewayMetricsPort = try await LoopbackPorts.free(host: host)
        let trustedServices = backends.map { "\($0.name)=\(keys.publicKey(of: $0.name))" }
            .joined(separator: ",")

        func reader(for definition: ServiceDefinition, port: Int, extra: [AbsoluteConfigKey: ConfigValue] = [:]) throws -> ConfigReader {
            let name = definition.name
            var values: [AbsoluteConfigKey: ConfigValue] = [
                "http.host": .init(.string(host), isSecret: false),
                "http.port": .init(.string(String(port)), isSecret: false),
                // Each service gets its own SQLite file even if DATABASE_URL is set for another purpose.
                "database.url": "",
                "openmedia.data.dir": .init(.string(dataDirectory.path), isSecret: false),
                "identity.signing.key": .init(.string(keys.privateKeys[name]!), isSecret: true),
                "identity.gateway.public.key": .init(.string(keys.publicKey(of: "gateway")), isSecret: false),
                "identity.trusted.services": .init(.string(trustedServices), isSecret: false),
            ]
            for secret in definition.generatedSecrets {
                values[AbsoluteConfigKey(stringLiteral: secret.setting)] = .init(
                    .string(secret.value(try keys.secret(named: secret.fileName))), isSecret: true
                )
            }
            values.merge(extra) { _, extra in extra }
            for (service, servicePort) in ports where service != name {
                let key = AbsoluteConfigKey(stringLiteral: "services.\(service.replacingOccurrences(of: "-", with: ".")).url")
                values[key] = .init(.string("http://\(host):\(servicePort)"), isSecret: false)
            }
            return ConfigReader(providers: [InMemoryProvider(name: "openmedia-\(name)", values: values)] + providers)
        }

        let logger = Logger(label: "openmedia")
        var services: [ServiceInstance] = []
        do {
            for definition in backends {
                let service = try await ServiceInstance.build(
                    definition, reader: try reader(for: definition, port: ports[definition.name]!),
                    onServerRunning: { port in
                        logger.info("service listening", metadata: ["service": .string(definition.name), "url": .string("http://\(host):\(port)")])
                    }
                )
                services.append(service)
            }
            let gateway = try await ServiceInstance.build(
                GatewayService.definition,
                reader: try reader(
                    for: GatewayService.definition, port: gatewayPort,
                    extra: [
                        "openmedia.admin.credentials.file": .init(.string(adminCredentialsFile), isSecret: false),
                        "gateway.metrics.port": .init(.string(String(gatewayMetricsPort)), isSecret: false),
                    ]),
                onServerRunning: { port in
                    onReady("http://\(host):\(port)", FileManager.default.fileExists(atPath: adminCredentialsFile) ? adminCredentialsFile : nil)
                }
            )
            services.append(gateway)
        } catch {
            // The ones built hold open pools and clients: a setting of a later one was wrong.
            for service in services { await service.discard() }
            throw error
        }
        logger.info("gateway metrics listening", metadata: ["url": .string("http://\(host):\(gatewayMetricsPort)/metrics")])
        return OpenMediaPlatform(services: services, gatewayURL: "http://\(host):\(gatewayPort)")
    }

    /// Runs every service until SIGTERM or SIGINT, then stops them all gracefully.
    public func run(logger: Logger) async throws {
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ))
        try await group.run()
    }
}
