import Foundation

/// How the delivery worker paces itself. The defaults suit production; tests shorten them.
public struct OutboxPolicy: Sendable {
    /// How often the worker looks for due messages when nothing woke it.
    public var pollInterval: Duration = .seconds(1)
    /// Messages claimed (and sent concurrently) at once.
    public var batchSize = 32
    /// How long a claim holds: longer than a delivery can take, so a live worker's claim never lapses.
    public var lease: Duration = .seconds(60)
    /// The first retry's delay; each further one doubles it, up to ``maximumDelay``, with full jitter.
    public var baseDelay: Duration = .seconds(1)
    /// The longest wait between two attempts.
    public var maximumDelay: Duration = .seconds(15 * 60)
    /// Attempts before a message is kept as undeliverable: with the delays above, about a day.
    public var maximumAttempts = 110
    /// How long delivered messages are kept before they are deleted.
    public var deliveredRetention: Duration = .seconds(7 * 24 * 3600)

    /// The production policy.
    public init() {}

    /// The wait before attempt `attempts + 1`: exponential, capped, with full jitter, so receivers that
    /// come back are not hit by every sender at the same instant.
    func delay(afterAttempts attempts: Int) -> Duration {
        let exponent = min(max(attempts - 1, 0), 30)
        let ceiling = min(maximumDelay.timeInterval, baseDelay.timeInterval * pow(2, Double(exponent)))
        return .milliseconds(Int64(Double.random(in: 0...ceiling) * 1000))
    }
}
