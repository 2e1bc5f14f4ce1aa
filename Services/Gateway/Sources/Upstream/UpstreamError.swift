/// How a call to a service failed, beyond the connection errors NIO reports itself.
enum UpstreamError: Error, Equatable, Sendable {
    /// The service sent no response head before the call's deadline.
    case responseTimeout
    /// The service paused longer than the read timeout while the gateway was waiting for more of a response body.
    case readTimeout
    /// The connection closed or failed before a response head arrived. On a pooled connection this is
    /// usually the service having closed it while it was idle, so the request never reached it.
    case closedBeforeResponse
    /// The connection closed before the exchange ended; before the response head it is reported as
    /// ``closedBeforeResponse``.
    case connectionClosed
    /// The service sent bytes that answer no request, so the connection's framing can no longer be trusted.
    case unexpectedResponse
    /// The client's body did not have the length its request declared.
    case bodyLengthMismatch
    /// The exchange is over (answered, failed or abandoned); nothing more may be written for it.
    case exchangeEnded
    /// The gateway is shutting down.
    case shutDown
}
