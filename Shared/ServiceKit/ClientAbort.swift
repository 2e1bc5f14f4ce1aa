import HTTPTypes
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

extension ServiceError {
    /// The client went away before its request was read (nginx's 499). Nobody receives the answer; the
    /// status is for logs and metrics, which must not count a client's disconnect as a server error.
    public static let clientClosedRequest = ServiceError(
        HTTPResponse.Status(code: 499, reasonPhrase: "Client Closed Request"), code: "client_closed_request",
        detail: "The connection closed before the request was complete."
    )

    /// The client did not send its body in time.
    public static let requestBodyTimeout = ServiceError(
        .requestTimeout, code: "request_timeout", detail: "The request body did not arrive in time; send it again."
    )
}

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
