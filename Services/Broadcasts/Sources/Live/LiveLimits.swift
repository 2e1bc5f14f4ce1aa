import Foundation
import HTTPTypes

/// The live stream's rhythm and bounds.
enum LiveLimits {
    /// How often a stream reads the feed when nothing woke it: the fallback for a missed wake-up.
    static let pollInterval: Duration = .seconds(2)
    /// How long a stream may stay silent before it sends a comment, so proxies and clients see it alive.
    static let heartbeatInterval: Duration = .seconds(15)
    /// Feed rows read at once; a subscriber far behind catches up batch by batch.
    static let batchSize = 500
    /// Live streams one replica holds at once (the gateway also bounds the streams per client).
    static let maxStreams = 5_000
    /// The longest `Last-Event-ID` accepted: a feed number.
    static let maxLastEventIDLength = 20
    /// The header a reconnecting client names the last event it received in.
    static let lastEventIDHeader = HTTPField.Name("Last-Event-ID")!
    /// nginx's header for "do not buffer this response".
    static let accelBufferingHeader = HTTPField.Name("X-Accel-Buffering")!
}
