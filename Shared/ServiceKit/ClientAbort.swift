import HTTPTypes
import NIOCore
import NIOHTTP1

#if canImport(Glibc)
    import Glibc
#endif

/// Tells a client's disconnect from a server's failure.
enum ClientAbort {
    /// Whether `error`, thrown while reading a request, means the client broke the connection off (or
    /// broke its framing, which ends the connection too): the client's doing, not a failure of ours.
    static func isClientAbort(_ error: any Error) -> Bool {
        switch error {
        case is HTTPParserError:
            // Among them `invalidEOFState`: the connection closed before the body's end.
            return true
        case let error as IOError:
            return [ECONNRESET, EPIPE].contains(error.errnoCode)
        case let error as ChannelError:
            return error == .ioOnClosedChannel || error == .eof || error == .inputClosed
        default:
            return false
        }
    }
}
