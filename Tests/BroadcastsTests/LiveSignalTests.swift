import Foundation
import Testing

@testable import Broadcasts

/// The replica's count of live streams: a place is given back once, however the stream ends.
@Suite struct LiveSignalTests {
    @Test func aPlaceComesBackWhenReleasedAndWhenItsResponseIsDroppedUnsent() {
        let signal = LiveSignal()
        var first = signal.admitStream(max: 1)
        #expect(first != nil && signal.admitStream(max: 1) == nil, "one stream at most")
        first?.release()
        first?.release()
        #expect(signal.openStreams == 0, "released once, not twice")
        // A response dropped before its body ran (the client left first) holds its place only as long as it lives.
        first = signal.admitStream(max: 1)
        #expect(signal.openStreams == 1)
        first = nil
        #expect(signal.openStreams == 0)
        #expect(signal.admitStream(max: 1) != nil)
    }
}
