import Synchronization
import Testing

@testable import Gateway

/// The gateway's count of live streams: bounded per client, given back once, and every open one ended when
/// the gateway stops.
@Suite struct LiveStreamLimitTests {
    @Test func eachClientHoldsItsShareAndStoppingEndsTheOpenStreamsOnly() {
        let limit = LiveStreamLimit(perClient: 2)
        let ended = Mutex([String]())
        func acquire(_ client: String, _ name: String) -> LiveStreamLimit.Slot? {
            limit.acquire(for: client) { ended.withLock { $0.append(name) } }
        }
        let first = acquire("a", "first")
        let second = acquire("a", "second")
        #expect(first != nil && second != nil && acquire("a", "third") == nil, "two for one client")
        let other = acquire("b", "other")
        #expect(other != nil, "another client has its own share")
        second?.release()
        second?.release()
        #expect(limit.count(for: "a") == 1)
        limit.endAll()
        #expect(ended.withLock { $0.sorted() } == ["first", "other"], "a stream that ended is not ended again")
        _ = first
    }
}
