// The benchmark reference: a Hummingbird hello-world with no middleware, no database, no logging per request.
// It answers `GET /health` with a small JSON body, so its cost is the framework's floor on this machine.
// Usage: benchmark-reference [port]   (default 8099; binds 127.0.0.1 only)
import Hummingbird
import Logging

let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8099 : 8099
var logger = Logger(label: "benchmark-reference")
logger.logLevel = .warning

let router = Router()
router.get("health") { _, _ -> Response in
    Response(
        status: .ok,
        headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(string: #"{"status":"ok"}"#))
    )
}

let app = Application(
    router: router,
    configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "benchmark-reference"),
    logger: logger
)
print("benchmark-reference listening on 127.0.0.1:\(port)")
try await app.runService()
