import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Calls other services over HTTP with a signed identity assertion and the current request ID.
///
/// Idempotent requests (GET, HEAD, PUT, DELETE, OPTIONS) are retried on connection failures and on
/// 502/503/504; a POST is never retried, since a lost response may hide a completed write.
public final class ServiceClient: Sendable {
    /// Retries after the first attempt, for idempotent requests.
    static let retryDelays: [Duration] = [.milliseconds(50), .milliseconds(250)]
    static let idempotentMethods: [HTTPMethod] = [.GET, .HEAD, .PUT, .DELETE, .OPTIONS]

    private let signer: IdentitySigner
    private let serviceURLs: [String: URL]
    private let timeout: Duration
    private let maxResponseBytes: Int
    private let httpClient: HTTPClient

    /// Creates a client that signs as `signer`'s issuer and finds services at `serviceURLs`.
    ///
    /// - Parameters:
    ///   - timeout: The whole-request deadline, connection included.
    ///   - maxResponseBytes: Larger responses are refused rather than buffered.
    public init(signer: IdentitySigner, serviceURLs: [String: URL], timeout: Duration = .seconds(10), maxResponseBytes: Int = 8 << 20) {
        self.signer = signer
        self.serviceURLs = serviceURLs
        self.timeout = timeout
        self.maxResponseBytes = maxResponseBytes
        var configuration = HTTPClient.Configuration(
            timeout: .init(connect: .seconds(2), read: .seconds(Int64(timeout.components.seconds) + 1))
        )
        // The default of 8 connections per host would throttle a busy service to 8 concurrent calls.
        // Idle connections are closed well inside the services' own idle timeout (`HTTP_IDLE_TIMEOUT_SECONDS`, 60 s by
        // default), so a connection is never reused just as the service closes it.
        configuration.connectionPool = .init(idleTimeout: .seconds(20), concurrentHTTP1ConnectionsPerHostSoftLimit: 256)
        // Fail fast on a refused connection; `send` decides whether and when to try again.
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }

    /// Sends a request to `service` at `path` (with query), asserting `identity` (by default, this
    /// service itself; only the gateway may assert people) and, for the gateway's own pages, the visitor's
    /// `clientKey`, which services throttle anonymous callers by.
    public func send(
        _ method: HTTPMethod,
        to service: String,
        path: String,
        headers: HTTPHeaders = [:],
        body: ByteBuffer? = nil,
        as identity: Identity? = nil,
        clientKey: String? = nil
    ) async throws -> ServiceResponse {
        guard let baseURL = serviceURLs[service] else { throw ServiceClientError.unknownService(service) }
        var request = HTTPClientRequest(url: baseURL.absoluteString.trimmingSuffix("/") + path)
        request.method = method
        request.headers = headers
        request.headers.replaceOrAdd(
            name: IdentityAssertion.headerName,
            value: try await signer.assertion(for: identity ?? .service(signer.issuer), audience: service, clientKey: clientKey)
        )
        if let requestID = RequestID.current {
            request.headers.replaceOrAdd(name: RequestID.headerName, value: requestID)
        }
        if let body {
            request.body = .bytes(body)
        }

        let delays = Self.idempotentMethods.contains(method) ? Self.retryDelays : []
        var attempt = 0
        while true {
            do {
                let response = try await execute(request)
                if attempt < delays.count, [502, 503, 504].contains(response.status.code) {
                    try await Task.sleep(for: delays[attempt])
                    attempt += 1
                    continue
                }
                return response
            } catch let error as ServiceClientError {
                throw error
            } catch {
                guard attempt < delays.count, !Task.isCancelled else {
                    throw ServiceClientError.unreachable(service: service, reason: "\(type(of: error))")
                }
                try await Task.sleep(for: delays[attempt])
                attempt += 1
            }
        }
    }

    private func execute(_ request: HTTPClientRequest) async throws -> ServiceResponse {
        let response = try await httpClient.execute(request, timeout: .nanoseconds(Int64(timeout / .nanoseconds(1))))
        let body: ByteBuffer
        do {
            body = try await response.body.collect(upTo: maxResponseBytes)
        } catch is NIOTooManyBytesError {
            throw ServiceClientError.responseTooLarge(limit: maxResponseBytes)
        }
        return ServiceResponse(status: response.status, headers: response.headers, body: body)
    }

    /// Closes pooled connections; call once when the service stops.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }
}

/// A response from another service, body already read.
public struct ServiceResponse: Sendable {
    /// The status.
    public let status: HTTPResponseStatus
    /// The headers.
    public let headers: HTTPHeaders
    /// The body.
    public let body: ByteBuffer

    /// The body decoded as JSON.
    public func decode<Value: Decodable>(as type: Value.Type) throws -> Value {
        try JSONDecoder.api.decode(Value.self, from: Data(body.readableBytesView))
    }
}

/// Why a call to another service failed.
public enum ServiceClientError: Error, Equatable, CustomStringConvertible {
    /// No URL is configured for the service.
    case unknownService(String)
    /// The service could not be reached, even after retries.
    case unreachable(service: String, reason: String)
    /// The response was larger than the client accepts.
    case responseTooLarge(limit: Int)

    public var description: String {
        switch self {
        case .unknownService(let name): "no URL is configured for service \(name)"
        case .unreachable(let service, let reason): "\(service) is unreachable (\(reason))"
        case .responseTooLarge(let limit): "the response exceeded \(limit) bytes"
        }
    }
}

extension String {
    fileprivate func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
