import AsyncHTTPClient
import Configuration
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import SystemPackage
import UnixSignals

/// The body of every service's `main`: read configuration, log JSON, build, run until SIGTERM.
///
/// `<service> healthcheck` instead asks the running service on this host whether it is ready and exits
/// 0 or 1: container images have no curl, so compose and the Dockerfile's `HEALTHCHECK` run the
/// service's own binary.
public enum ServiceMain {
    /// The subcommand that probes a running service instead of starting one.
    public static let healthcheckCommand = "healthcheck"

    /// The standard configuration sources, highest precedence first: command line, environment, `.env`.
    /// Defaults live in the code that reads each setting.
    public static func configurationReader(arguments: [String] = CommandLine.arguments) async throws -> ConfigReader {
        ConfigReader(providers: [
            CommandLineArgumentsProvider(arguments: arguments),
            EnvironmentVariablesProvider(),
            try await EnvironmentVariablesProvider(environmentFilePath: FilePath(".env"), allowMissing: true),
        ])
    }

    /// Runs one service as a process and exits non-zero, naming the problem, if it cannot start.
    /// With the argument `healthcheck` it runs ``healthcheck(_:arguments:)`` and exits with its status.
    public static func run(_ definition: ServiceDefinition) async -> Never {
        let arguments = CommandLine.arguments
        if arguments.dropFirst().first == healthcheckCommand {
            exit(await healthcheck(definition, arguments: Array(arguments.prefix(1) + arguments.dropFirst(2))))
        }
        LoggingSystem.bootstrap(JSONLogHandler.init)
        do {
            let reader = try await configurationReader()
            let service = try await ServiceInstance.build(definition, reader: reader)
            let group = ServiceGroup(
                configuration: .init(
                    services: [service],
                    gracefulShutdownSignals: [.sigterm, .sigint],
                    logger: Logger(label: definition.name)
                ))
            try await group.run()
            exit(0)
        } catch {
            FileHandle.standardError.write(Data("\(definition.name): cannot run: \(error)\n".utf8))
            exit(1)
        }
    }

    /// Probes the service running on this host with the same settings: `GET /ready` on `HTTP_PORT`
    /// (or the service's default port). Only the port and host are read, so a probe never needs secrets.
    ///
    /// - Returns: 0 when `/ready` answers 200 within `timeout`, 1 otherwise (with the reason on stderr).
    public static func healthcheck(
        _ definition: ServiceDefinition, arguments: [String], timeout: TimeAmount = .seconds(3)
    ) async -> Int32 {
        let host: String
        let port: Int
        do {
            let settings = SettingsReader(reader: try await configurationReader(arguments: arguments))
            port = try settings.int("http.port", default: definition.defaultPort, in: 1...65535)
            host = probeHost(listeningOn: try settings.string("http.host", default: "127.0.0.1"))
        } catch {
            FileHandle.standardError.write(Data("\(definition.name) healthcheck: \(error)\n".utf8))
            return 1
        }
        if await isReady(host: host, port: port, timeout: timeout) {
            return 0
        }
        FileHandle.standardError.write(Data("\(definition.name) healthcheck: http://\(host):\(port)/ready is not 200\n".utf8))
        return 1
    }

    /// Whether `GET http://host:port/ready` answers 200 within `timeout`. Any error means not ready.
    public static func isReady(host: String, port: Int, timeout: TimeAmount = .seconds(3)) async -> Bool {
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        let request = HTTPClientRequest(url: "http://\(authority)/ready")
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: timeout)
            _ = try await response.body.collect(upTo: 64 * 1024)
            return response.status == .ok
        } catch {
            return false
        }
    }

    /// The address to probe for a server listening on `listenHost`: loopback for a wildcard address
    /// (`0.0.0.0` in containers), otherwise the address itself.
    static func probeHost(listeningOn listenHost: String) -> String {
        ["", "0.0.0.0", "::", "[::]", "*"].contains(listenHost) ? "127.0.0.1" : listenHost
    }
}
