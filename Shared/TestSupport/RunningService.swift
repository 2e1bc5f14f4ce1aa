import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Persistence
import ServiceKit

/// A service under test, started by ``ServiceHarness``: send it requests as a ``TestIdentity``.
public struct RunningService: Sendable {
    /// The service's name (its definition's), which is the audience of the assertions sent to it.
    public let name: String
    /// The client driving it, in-process or over loopback.
    public let client: any TestClientProtocol
    /// The settings it runs with; `database` names the file or database it actually opened.
    public let settings: ServiceSettings
    /// Whether it is migrated and not draining.
    public let readiness: Readiness
    /// The request metrics `/metrics` renders.
    public let metrics: RequestMetrics

    /// Its loopback URL, for a gateway or another service to call; only a live service has one.
    public var url: String {
        get throws {
            guard let port = client.port else { throw ServiceHarnessError("\(name) runs in-process: start it `.live` to call it over HTTP") }
            return "http://127.0.0.1:\(port)"
        }
    }

    /// Sends a request as `caller` (with no identity assertion when `nil`).
    @discardableResult
    public func send(
        _ method: HTTPRequest.Method, _ path: String, as caller: TestIdentity? = nil,
        headers: HTTPFields = [:], body: ByteBuffer? = nil
    ) async throws -> TestResponse {
        var headers = headers
        if let caller { headers.append(contentsOf: try await caller.headers(to: name)) }
        return try await client.execute(uri: path, method: method, headers: headers, body: body)
    }

    /// Sends `json` encoded as a JSON body, as `caller`.
    @discardableResult
    public func send(
        _ method: HTTPRequest.Method, _ path: String, as caller: TestIdentity? = nil,
        json: some Encodable, headers: HTTPFields = [:]
    ) async throws -> TestResponse {
        var headers = headers
        headers[.contentType] = "application/json"
        return try await send(method, path, as: caller, headers: headers, body: ByteBuffer(bytes: try TestJSON.encoder.encode(json)))
    }
}

/// The harness was asked for something the way a service was started cannot give.
public struct ServiceHarnessError: Error, CustomStringConvertible {
    public let description: String

    /// An error that says what went wrong.
    public init(_ description: String) { self.description = description }
}
