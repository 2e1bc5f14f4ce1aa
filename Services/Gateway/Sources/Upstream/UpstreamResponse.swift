import Foundation
import NIOCore
import NIOHTTP1

/// A service's response head and its body, which streams in as the caller reads it.
struct UpstreamResponse: Sendable {
    /// The status line and headers.
    let head: HTTPResponseHead
    /// The body. Reading it to its end, or leaving it, ends the exchange; leaving it early closes the connection.
    let body: UpstreamResponseBody
    /// Gives up the body before its end, from any thread: the connection to the service is closed and the
    /// body's reader sees the end. After the exchange is over it does nothing.
    let abandon: @Sendable () -> Void

    /// Whether `head` opens a live stream (Server-Sent Events): a body with no end, quiet between events,
    /// that the read timeout must not cut and the gateway passes on chunk by chunk.
    static func isEventStream(_ head: HTTPResponseHead) -> Bool {
        guard let type = head.headers.first(name: "content-type") else { return false }
        let mediaType = type.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        return mediaType == "text/event-stream"
    }

    /// Whether this response is a live stream (``isEventStream(_:)``).
    var isEventStream: Bool { Self.isEventStream(head) }
}

/// A response body: a bounded buffer between the connection and its reader. Past the high watermark the
/// connection stops reading from the socket until the reader has drained it to the low one, so a slow
/// client slows the service down instead of filling the gateway's memory.
typealias UpstreamResponseBody = NIOThrowingAsyncSequenceProducer<
    ByteBuffer, any Error, NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark, UpstreamResponseBodyDelegate
>

extension UpstreamResponseBody {
    /// Chunks buffered at most (each is one socket read, at most 64 KiB by default): several, so that a
    /// reader slightly slower than the service does not stop the socket at every chunk.
    static let watermarks = NIOAsyncSequenceProducerBackPressureStrategies.HighLowWatermark(lowWatermark: 2, highWatermark: 8)
}

/// Tells a connection what its response body's reader does: wants more, or is gone.
///
/// It may be called from any thread and after the exchange is over (even once the connection is serving
/// another request), so it only hops to the event loop and names its exchange, which the handler checks.
struct UpstreamResponseBodyDelegate: NIOAsyncSequenceProducerDelegate {
    let handler: NIOLoopBound<UpstreamConnectionHandler>
    let exchange: UInt64

    func produceMore() {
        let (handler, exchange) = (handler, exchange)
        // Always enqueued, never run inline: the call may come from inside the handler's own `yield`.
        handler.eventLoop.execute { handler.value.readerWantsMore(exchange: exchange) }
    }

    func didTerminate() {
        let (handler, exchange) = (handler, exchange)
        handler.eventLoop.execute { handler.value.readerLeft(exchange: exchange) }
    }
}
