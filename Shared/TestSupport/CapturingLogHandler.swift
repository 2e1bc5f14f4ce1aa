import Logging
import Synchronization

/// Keeps every log record in memory, so tests can check what a service logged (and what it never may).
public final class LogCapture: Sendable {
    private let lines = Mutex([String]())

    /// Creates an empty capture.
    public init() {}

    /// A handler factory for `ServiceInstance.build(_:reader:logHandler:)`.
    public func handler(label: String) -> any LogHandler {
        Handler(label: label, capture: self)
    }

    /// Every record so far, message and metadata rendered as text.
    public var text: String { lines.withLock { $0.joined(separator: "\n") } }

    fileprivate func append(_ line: String) {
        lines.withLock { $0.append(line) }
    }

    private struct Handler: LogHandler {
        let label: String
        let capture: LogCapture
        var metadata: Logger.Metadata = [:]
        var metadataProvider: Logger.MetadataProvider?
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let merged = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append("\(event.level) \(label): \(event.message) \(merged)")
        }
    }
}
