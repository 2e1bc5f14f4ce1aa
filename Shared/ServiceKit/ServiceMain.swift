import Configuration
import Foundation
import Logging
import ServiceLifecycle
import UnixSignals
import SystemPackage

/// The body of every service's `main`: read configuration, log JSON, build, run until SIGTERM.
public enum ServiceMain {
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
    public static func run(_ definition: ServiceDefinition) async -> Never {
        LoggingSystem.bootstrap(JSONLogHandler.init)
        do {
            let reader = try await configurationReader()
            let service = try await ServiceInstance.build(definition, reader: reader)
            let group = ServiceGroup(configuration: .init(
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
}
