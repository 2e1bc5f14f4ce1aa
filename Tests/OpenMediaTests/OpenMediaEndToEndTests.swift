import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import TestSupport
import Testing

/// Runs the real `openmedia` executable, as `swift run openmedia` would, and talks to it over HTTP.
@Suite(.serialized) struct OpenMediaEndToEndTests {
    @Test func bootsAllSevenServicesAndStopsThemCleanlyOnSIGTERM() async throws {
        let dataDirectory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let platform = try PlatformProcess(port: try await ServiceHarness.freeLoopbackPort(), dataDirectory: dataDirectory)
        defer { platform.kill() }

        let urls = try await platform.waitForServices()
        #expect(urls.count == 7)
        for (service, url) in urls {
            let (status, _) = try await Self.get(url + "/ready")
            #expect(status == 200, "\(service) is not ready")
        }
        let (healthStatus, body) = try await Self.get(platform.gatewayURL + "/health")
        #expect(healthStatus == 200)
        #expect(body.contains("ok"))

        // Through the gateway: sign in as the generated first admin, then reach a service, which accepts
        // the gateway's assertion (a 404 from the service itself, not a 401).
        let credentials = try String(contentsOf: dataDirectory.appendingPathComponent("data/admin-credentials"), encoding: .utf8)
        let password = try #require(credentials.split(separator: "\n").first { $0.hasPrefix("password: ") }?.dropFirst("password: ".count))
        let login = try await Self.send(
            .POST, platform.gatewayURL + "/api/v1/auth/login",
            body: #"{"email": "admin@openmedia.local", "password": "\#(password)"}"#)
        #expect(login.status == 200)
        let token = try #require((try JSONSerialization.jsonObject(with: Data(login.body.utf8)) as? [String: Any])?["accessToken"] as? String)
        let proxied = try await Self.send(.GET, platform.gatewayURL + "/api/v1/knowledge/no-such-thing", token: token)
        #expect(proxied.status == 404)
        #expect(proxied.body.contains("not_found"))
        #expect(try await Self.send(.GET, platform.gatewayURL + "/api/v1/knowledge/no-such-thing").status == 401)

        // Events asks the gateway's directory: an organisation of it organises an event, a made-up ID does not.
        let council = try await Self.send(
            .POST, platform.gatewayURL + "/api/v1/organizations", token: token,
            body: #"{"type": "public_council", "regionCode": "KG-N", "name": {"en": "Naryn Public Council"}}"#)
        let councilID = try #require(council.body.firstMatch(of: /"id":"([0-9a-fA-F-]{36})"/)).1
        func event(organizedBy organizer: some StringProtocol) async throws -> (status: Int, body: String) {
            try await Self.send(
                .POST, platform.gatewayURL + "/api/v1/events", token: token,
                body: #"""
                    {"type": "hearing", "title": {"en": "Hearing"}, "format": "online", "startsAt": "2027-03-10T04:00:00Z",
                     "endsAt": "2027-03-10T08:00:00Z", "onlineUrl": "https://meet.example.org/h", "organizerId": "\#(organizer)",
                     "languages": ["ky"], "themes": ["access_to_information"], "targetGroups": ["right_holder"], "visibility": "public"}
                    """#)
        }
        #expect(try await event(organizedBy: councilID).status == 201)
        let unknown = try await event(organizedBy: UUID().uuidString)
        #expect(unknown.status == 422 && unknown.body.contains("unknown_organization"), "\(unknown.body)")

        // A live stream open through the gateway never ends by itself: stopping ends it rather than waiting for it.
        let show = try await Self.send(
            .POST, platform.gatewayURL + "/api/v1/broadcasts/shows", token: token,
            body: #"{"title": {"ru": "Омбудсмен отвечает"}, "format": "tv", "language": "ru"}"#)
        let showID = try #require((try JSONSerialization.jsonObject(with: Data(show.body.utf8)) as? [String: Any])?["id"] as? String)
        let episode = try await Self.send(
            .POST, platform.gatewayURL + "/api/v1/broadcasts/episodes", token: token,
            body: #"{"showId": "\#(showID)", "theme": {"ru": "Право на воду"}, "startsAt": "2027-01-10T12:00:00Z", "durationMinutes": 60}"#)
        let episodeID = try #require((try JSONSerialization.jsonObject(with: Data(episode.body.utf8)) as? [String: Any])?["id"] as? String)
        var streamRequest = HTTPClientRequest(url: platform.gatewayURL + "/api/v1/broadcasts/episodes/\(episodeID)/live")
        streamRequest.headers.add(name: "Authorization", value: "Bearer \(token)")
        let stream = try await HTTPClient.shared.execute(streamRequest, timeout: .seconds(600))
        #expect(stream.headers.first(name: "Content-Type")?.hasPrefix("text/event-stream") == true)

        platform.terminate()
        let exitCode = try await platform.waitForExit(timeout: .seconds(30))
        #expect(exitCode == 0, "openmedia's last words: \(platform.lastWords)")
        for (service, url) in urls {
            #expect(!Self.isListening(URLComponents(string: url)!.port!), "\(service) still listens")
        }
    }

    @Test func keysAreGeneratedOnceWithOwnerOnlyAccessAndReused() async throws {
        let dataDirectory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dataDirectory) }

        func startAndStop() async throws -> [String: Data] {
            let platform = try PlatformProcess(port: try await ServiceHarness.freeLoopbackPort(), dataDirectory: dataDirectory)
            defer { platform.kill() }
            _ = try await platform.waitForServices()
            platform.terminate()
            #expect(try await platform.waitForExit(timeout: .seconds(30)) == 0, "openmedia's last words: \(platform.lastWords)")
            let keys = dataDirectory.appendingPathComponent("data/keys")
            var contents: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: keys.path) {
                let path = keys.appendingPathComponent(name).path
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name) is readable by others")
                contents[name] = FileManager.default.contents(atPath: path)
            }
            return contents
        }

        let first = try await startAndStop()
        let second = try await startAndStop()
        #expect(first.keys.filter { $0.hasSuffix(".key") }.count == 7)
        // Appeals' sealing and tracking keys, events' sealing and registration keys, broadcasts' sealing and question keys.
        #expect(first.keys.filter { $0.hasSuffix(".secret") }.count == 6)
        #expect(first == second)
    }

    @Test func aTakenPortIsNamedInTheError() async throws {
        let dataDirectory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dataDirectory) }
        let port = try await ServiceHarness.freeLoopbackPort()
        let first = try PlatformProcess(port: port, dataDirectory: dataDirectory)
        defer { first.kill() }
        _ = try await first.waitForServices()

        let second = try PlatformProcess(port: port, dataDirectory: dataDirectory)
        defer { second.kill() }
        let exitCode = try await second.waitForExit(timeout: .seconds(30))
        #expect(exitCode != 0)
        #expect(second.standardError.contains("port \(port)"))
        first.terminate()
        _ = try await first.waitForExit(timeout: .seconds(30))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("openmedia-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func isListening(_ port: Int) -> Bool {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        } == 0
    }

    static func send(_ method: HTTPMethod, _ url: String, token: String? = nil, body: String? = nil) async throws -> (status: Int, body: String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let token { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        return (Int(response.status.code), String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    static func get(_ url: String) async throws -> (Int, String) {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(60))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }
}

/// The `openmedia` executable running in a child process, its output captured in files.
final class PlatformProcess: @unchecked Sendable {
    let process = Process()
    let gatewayURL: String
    private let outputFile: URL
    private let errorFile: URL

    /// Starts `openmedia --port port` with its data under `dataDirectory`, and `settings` added to the environment.
    init(port: Int, dataDirectory: URL, settings: [String: String] = [:]) throws {
        gatewayURL = "http://127.0.0.1:\(port)"
        outputFile = dataDirectory.appendingPathComponent("stdout-\(UUID().uuidString).log")
        errorFile = dataDirectory.appendingPathComponent("stderr-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.executableURL = try Self.executable()
        process.arguments = ["--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["OPENMEDIA_DATA_DIR"] = dataDirectory.appendingPathComponent("data").path
        environment["LOG_LEVEL"] = "info"
        environment.merge(settings) { $1 }
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    /// The built `openmedia` next to the test bundle (`swift test` builds every product first).
    static func executable() throws -> URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("openmedia")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw PlatformProcessError("the openmedia executable was not found near \(CommandLine.arguments[0]); run `swift build` first")
    }

    var standardOutput: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
    var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// What a crash printed, from its first line, or else the end of the standard error.
    var lastWords: String {
        let text = standardError
        guard
            let crash = ["Fatal error", "Precondition failed", "Assertion failed", "*** Program crashed"]
                .compactMap({ text.range(of: $0)?.lowerBound }).min()
        else { return String(text.suffix(4000)) }
        return String(text[crash...].prefix(6000))
    }

    /// Waits until the gateway announces itself and every service logged its URL; returns name → URL.
    func waitForServices(timeout: Duration = .seconds(60)) async throws -> [String: String] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            guard process.isRunning else {
                throw PlatformProcessError("openmedia exited early: \(standardError)")
            }
            if standardError.contains("running at \(gatewayURL)") {
                var urls = ["gateway": gatewayURL]
                for line in standardOutput.split(separator: "\n") {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                        object["message"] as? String == "service listening",
                        let service = object["service"] as? String, let url = object["url"] as? String
                    else { continue }
                    urls[service] = url
                }
                if urls.count == 7 { return urls }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw PlatformProcessError("openmedia did not start in time: \(standardError)")
    }

    func terminate() {
        process.terminate() // SIGTERM
    }

    func kill() {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// The exit status, or 128 plus the signal that ended it (as a shell says it: 132 is SIGILL, a Swift trap).
    func waitForExit(timeout: Duration) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { throw PlatformProcessError("openmedia did not exit in time") }
            try await Task.sleep(for: .milliseconds(100))
        }
        return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    }
}

struct PlatformProcessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
