import Foundation
import HTTPTypes
import Hummingbird
import Models

extension Response {
    /// A JSON response, with an `ETag` when the resource is versioned.
    public static func json(
        _ value: some Encodable, status: HTTPResponse.Status = .ok, eTag: String? = nil
    ) throws -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.eTag] = eTag
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONEncoder.api.encode(value))))
    }
}

extension Page: ResponseGenerator, ResponseEncodable where Item: Encodable {}
