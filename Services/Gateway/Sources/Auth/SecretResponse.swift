import HTTPTypes
import Hummingbird
import ServiceKit

extension Response {
    /// A JSON response that carries a secret (an access or refresh token, a new API key): no cache on the
    /// way, shared or private, may keep it. Sign-in and refresh are sent without credentials, so the
    /// blanket rule for credentialed requests does not cover them.
    static func secret(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        var response = try Response.json(value, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
