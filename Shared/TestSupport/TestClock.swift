import Foundation
import Synchronization

/// A clock a test moves by hand, for a service's `clock`: periods and deadlines without waiting.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// A clock showing `start`.
    public init(_ start: Date) {
        current = Mutex(start)
    }

    /// The time it shows.
    public var now: Date { current.withLock { $0 } }

    /// The clock as a service's dependencies take it.
    public var reading: @Sendable () -> Date { { self.now } }

    /// Shows `date` from now on.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
