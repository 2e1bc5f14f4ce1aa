import HTTPTypes
import Hummingbird
import Logging
import Models
import NIOCore
import NIOHTTP1
import ServiceKit

/// Forwards a request to its upstream, path and query unchanged, bodies streamed both ways.
///
/// Everything that can refuse a request (policy, body limit, open circuit) does so before the
/// upstream sees a byte. The upstream gets the gateway's signed assertion of who is calling, never
/// the caller's credentials or address.
struct ProxyResponder: Sendable {
    /// The largest body read whole before forwarding; larger ones are streamed.
    static let bufferedBodyLimit = 64 << 10

    let upstream: Upstream
    /// The service's connections; `nil` when no URL is configured for it.
    let pool: UpstreamConnectionPool?
    let policies: RoutePolicyTable
    let breaker: CircuitBreaker
    let signer: IdentitySigner
    let responseTimeout: Duration
    /// The live streams each client holds, shared by every upstream.
    let liveStreams: LiveStreamLimit

    func respond(to request: Request, context: ServiceRequestContext) async throws -> Response {
        let path = request.uri.path
        guard Self.isCanonical(path) else { throw ServiceError.invalidPath }
        let rule = policies.rule(path: path, method: request.method)
        try rule.access.authorize(context.identity)

        let limit = policies.maxBodyBytes(for: rule)
        let declaredLength = request.headers[.contentLength].flatMap { Int($0) }
        if let declaredLength, declaredLength > limit {
            throw ServiceError.bodyTooLarge(limit: limit)
        }
        // A small body of declared length (any JSON document) is read whole first, before anything counts
        // against the service, and goes out with the head, as nginx buffers bodies: streaming it costs a
        // task and two streams per request, about a fifth of the gateway's CPU for a submission.
        var smallBody: ByteBuffer?
        if request.method != .trace, let declaredLength, (1...Self.bufferedBodyLimit).contains(declaredLength) {
            var request = request
            smallBody = try await request.collectBody(upTo: declaredLength)
        }
        guard let pool else {
            context.logger.error("no URL configured for upstream", metadata: ["upstream": .string(upstream.name)])
            throw ServiceError.upstreamUnavailable()
        }
        guard let admission = breaker.admit() else {
            let wait = breaker.remainingPause()
            throw ServiceError.upstreamUnavailable(retryAfterSeconds: max(1, Int(wait.components.seconds) + 1))
        }

        let endpoint = pool.endpoint
        var headers = HTTPHeaders()
        headers.reserveCapacity(request.headers.count + 4)
        headers.add(name: "Host", value: endpoint.hostHeader)
        ForwardedHeaders.appendUpstreamRequestHeaders(from: request.headers, to: &headers)
        do {
            headers.add(
                name: IdentityAssertion.headerName,
                value: try await signer.assertion(for: context.identity ?? .anonymous, audience: upstream.name, clientKey: context.clientKey)
            )
        } catch {
            breaker.recordAbandoned(admission)
            throw ServiceError.forbidden
        }
        headers.add(name: RequestID.headerName, value: context.requestID)
        // TRACE is passed on only for the service's 405, without a body. A small body was read whole above;
        // larger ones, and any without a declared length, are streamed on (the latter cut off at the
        // limit), never collected.
        let body: UpstreamRequest.Body =
            if let smallBody {
                .complete(smallBody)
            } else if request.method == .trace {
                .none
            } else if let declaredLength {
                declaredLength > 0 ? .streamed(RequestBodyRelay(request.body)) : .none
            } else if request.headers[.transferEncoding] != nil {
                .streamed(RequestBodyRelay(request.body, limit: limit))
            } else {
                .none
            }
        let target = request.uri.description
        let upstreamRequest = UpstreamRequest(
            method: HTTPMethod(rawValue: request.method.rawValue),
            target: endpoint.basePath.isEmpty ? target : endpoint.basePath + target,
            headers: headers, body: body, bodyLength: declaredLength
        )
        let relay = upstreamRequest.relay

        let upstreamResponse: UpstreamResponse
        do {
            upstreamResponse = try await pool.send(upstreamRequest, deadline: .now() + TimeAmount(responseTimeout))
        } catch {
            // Read before stopping the relay, which ends its wait for the client.
            let isTimeout = Self.isTimeout(error)
            let clientFailure = Self.clientFailure(error, relay: relay, isTimeout: isTimeout, limit: limit)
            await relay?.stop()
            if let clientFailure {
                // The client's doing: it says nothing about the service, so the breaker does not count it.
                breaker.recordAbandoned(admission)
                throw clientFailure
            }
            if error is CancellationError {
                breaker.recordAbandoned(admission)
                throw error
            }
            breaker.recordFailure(admission)
            context.logger.warning(
                "upstream call failed",
                metadata: [
                    "upstream": .string(upstream.name), "error.type": "\(type(of: error))", "error": "\(error)",
                    "timeout": "\(isTimeout)",
                ])
            throw isTimeout ? ServiceError.upstreamTimeout : ServiceError.upstreamUnavailable()
        }

        // A service's own 5xx counts as failing; any other answer, a 4xx included, shows it is up.
        let status = upstreamResponse.head.status
        if (500...599).contains(status.code) {
            breaker.recordFailure(admission)
        } else {
            breaker.recordSuccess(admission)
        }
        // A live stream counts against its client until it ends, however it ends. One too many is refused
        // here; leaving its body unread closes that connection to the service.
        let slot: LiveStreamLimit.Slot?
        if upstreamResponse.isEventStream {
            guard let granted = liveStreams.acquire(for: context.clientKey ?? "unknown", end: upstreamResponse.abandon) else {
                await relay?.stop()
                throw ServiceError.tooManyLiveStreams(limit: liveStreams.perClient)
            }
            slot = granted
            // Nothing else says that the client left while the stream is quiet: the end of its connection's
            // input ends the stream, which frees the slot and the connection to the service.
            try? await context.channel.pipeline.addHandler(ClientDepartureHandler(onDeparture: upstreamResponse.abandon), position: .first).get()
        } else {
            slot = nil
        }
        return Response(
            status: HTTPResponse.Status(code: Int(status.code), reasonPhrase: status.reasonPhrase),
            headers: ForwardedHeaders.clientResponseHeaders(from: upstreamResponse.head.headers),
            body: ResponseBody { writer in
                // The client's body is read by nobody once the exchange is over, however it ends.
                do {
                    for try await chunk in upstreamResponse.body { try await writer.write(chunk) }
                    try await writer.finish(nil)
                } catch {
                    slot?.release()
                    await relay?.stop()
                    throw error
                }
                slot?.release()
                await relay?.stop()
            }
        )
    }

    /// The answer for a call that failed through the client's fault, or `nil` when the service is to blame:
    /// a body over the limit (413), a body the client broke off, spoiled or declared longer than it was
    /// (the client is gone: 499), or a deadline that passed while the service waited for the client's
    /// body (408).
    static func clientFailure(_ error: any Error, relay: RequestBodyRelay?, isTimeout: Bool, limit: Int) -> ServiceError? {
        switch relay?.clientFailure {
        case .limitExceeded?: return .bodyTooLarge(limit: limit)
        case .aborted?: return .clientClosedRequest
        case nil: break
        }
        if error as? UpstreamError == .bodyLengthMismatch { return .clientClosedRequest }
        if isTimeout, relay?.isWaitingForClient == true { return .requestBodyTimeout }
        return nil
    }

    /// Whether `error` means the upstream was too slow, rather than absent.
    static func isTimeout(_ error: any Error) -> Bool {
        if let error = error as? UpstreamError { return error == .responseTimeout || error == .readTimeout }
        if let error = error as? ChannelError, case .connectTimeout = error { return true }
        return false
    }

    /// Whether the policy and the service are sure to see the same path: no dot segments, no encoded
    /// dots, slashes or backslashes that a service might decode into a different route.
    ///
    /// One pass over the bytes: it runs on every proxied request, and `lowercased()` with Foundation's
    /// substring search cost a few per cent of the gateway's CPU (Benchmarks/README.md, "Profiles").
    static func isCanonical(_ path: String) -> Bool {
        let bytes = Array(path.utf8)
        var segmentStart = 0
        for index in 0...bytes.count {
            let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "/")
            switch byte {
            case UInt8(ascii: "\\"):
                return false
            case UInt8(ascii: "%") where index + 2 < bytes.count:
                // `| 0x20` lowers an ASCII letter, so %2E and %2e look alike.
                let encoded = (bytes[index + 1], bytes[index + 2] | 0x20)
                if encoded == (UInt8(ascii: "2"), UInt8(ascii: "e")) || encoded == (UInt8(ascii: "2"), UInt8(ascii: "f"))
                    || encoded == (UInt8(ascii: "5"), UInt8(ascii: "c"))
                {
                    return false
                }
            case UInt8(ascii: "/"):
                let segment = bytes[segmentStart..<index]
                if (1...2).contains(segment.count), segment.allSatisfy({ $0 == UInt8(ascii: ".") }) { return false }
                segmentStart = index + 1
            default:
                break
            }
        }
        return true
    }
}
