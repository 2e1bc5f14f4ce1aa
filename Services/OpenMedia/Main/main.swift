import Configuration
import Foundation
import Logging
import OpenMediaKit
import ServiceKit
import SystemPackage

// `swift run openmedia [--port N]`: the whole platform on this machine, on SQLite under ./data.
LoggingSystem.bootstrap(JSONLogHandler.init)
do {
    let providers: [any ConfigProvider] = [
        CommandLineArgumentsProvider(),
        EnvironmentVariablesProvider(),
        try await EnvironmentVariablesProvider(environmentFilePath: FilePath(".env"), allowMissing: true),
    ]
    let platform = try await OpenMediaPlatform.build(providers: providers) { url, adminCredentialsFile in
        var message = "Open Media platform is running at \(url) (Ctrl-C stops it)\n"
        if let adminCredentialsFile {
            message += "The first admin's email and password are in \(adminCredentialsFile)\n"
        }
        FileHandle.standardError.write(Data(message.utf8))
    }
    try await platform.run(logger: Logger(label: "openmedia"))
} catch {
    FileHandle.standardError.write(Data("openmedia: cannot run: \(error)\n".utf8))
    exit(1)
}
