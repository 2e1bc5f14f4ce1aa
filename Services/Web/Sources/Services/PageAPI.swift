import Foundation
import Hummingbird
import Models
import NIOCore
import NIOHTTP1
import ServiceKit

/// The services' APIs as the site's pages call them: as the visitor (their identity and client key), so a page
/// shows exactly what that person may see through the API, and never more.
public struct PageAPI: Sendable {
    let client: ServiceClient

    /// Calls through `client`, which must sign as the gateway (only the gateway may assert people).
    public init(client: ServiceClient) {
        self.client = client
    }

    /// What a call came to.
    public enum Outcome<Value: Sendable>: Sendable {
        /// A 2xx answer, decoded, with its headers (an `ETag`, say).
        case success(Value, headers: HTTPHeaders)
        /// A problem the service answered with: the page shows it, or the form again with its field messages.
        case problem(Problem)
        /// The service could not be reached or answered something unreadable: the page says "not available now".
        case unavailable
    }

    /// `GET`s `path` of `service` and decodes the answer as `Value`.
    public func get<Value: Decodable & Sendable>(
        _ service: String, _ path: String, as type: Value.Type, context: ServiceRequestContext
    ) async -> Outcome<Value> {
        await call(.GET, service, path, body: nil, headers: [:], as: type, context: context)
    }

    /// Sends `body` as JSON with `method` to `path` of `service` and decodes the answer as `Value`.
    public func send<Value: Decodable & Sendable>(
        _ method: HTTPMethod, _ service: String, _ path: String, json body: some Encodable, headers: HTTPHeaders = [:], as type: Value.Type,
        context: ServiceRequestContext
    ) async -> Outcome<Value> {
        guard let data = try? JSONEncoder.api.encode(body) else { return .unavailable }
        var headers = headers
        headers.replaceOrAdd(name: "Content-Type", value: "application/json")
        return await call(method, service, path, body: ByteBuffer(bytes: data), headers: headers, as: type, context: context)
    }

    /// `GET`s `path` of `service` and keeps the 2xx answer's body as it is (a CSV export, say).
    public func download(_ service: String, _ path: String, context: ServiceRequestContext) async -> Outcome<ByteBuffer> {
        let response: ServiceResponse
        do {
            response = try await client.send(
                .GET, to: service, path: path, headers: [:], body: nil, as: context.identity ?? .anonymous, clientKey: context.clientKey)
        } catch {
            return .unavailable
        }
        switch response.status.code {
        case 200..<300: return .success(response.body, headers: response.headers)
        case 400..<500:
            guard let problem = try? response.decode(as: Problem.self) else { return .unavailable }
            return .problem(problem)
        default: return .unavailable
        }
    }

    private func call<Value: Decodable & Sendable>(
        _ method: HTTPMethod, _ service: String, _ path: String, body: ByteBuffer?, headers: HTTPHeaders, as type: Value.Type,
        context: ServiceRequestContext
    ) async -> Outcome<Value> {
        let response: ServiceResponse
        do {
            response = try await client.send(
                method, to: service, path: path, headers: headers, body: body, as: context.identity ?? .anonymous, clientKey: context.clientKey)
        } catch {
            return .unavailable
        }
        switch response.status.code {
        case 200..<300:
            if let nothing = NoContent() as? Value { return .success(nothing, headers: response.headers) }
            guard let value = try? response.decode(as: Value.self) else { return .unavailable }
            return .success(value, headers: response.headers)
        case 400..<500:
            guard let problem = try? response.decode(as: Problem.self) else { return .unavailable }
            return .problem(problem)
        default:
            return .unavailable
        }
    }
}

/// The answer of a call whose body does not matter (a 204).
public struct NoContent: Decodable, Sendable {
    /// Nothing.
    public init() {}
}
