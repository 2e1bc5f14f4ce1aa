import Foundation
import HTTPTypes
import Hummingbird
import ServiceKit

/// The two formats GeoReport v2 speaks, chosen by the path's extension (`services.xml`, `requests.json`).
/// XML is the one the standard requires; JSON is optional.
enum Open311Format: String, CaseIterable, Sendable {
    case json
    case xml

    /// The format a path ends in, e.g. `.xml` for `/open311/v2/requests/abc.xml`; `nil` for any other ending.
    init?(path: String) {
        guard let format = Self.allCases.first(where: { path.hasSuffix(".\($0.rawValue)") }) else { return nil }
        self = format
    }

    /// Splits a file name such as `education.xml` into its name and format; `nil` without a known extension.
    static func split(_ file: String) -> (name: String, format: Open311Format)? {
        guard let format = Open311Format(path: file) else { return nil }
        return (String(file.dropLast(format.rawValue.count + 1)), format)
    }

    /// The media type of a document in this format (`text/xml` as the standard's discovery names it).
    var mediaType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .xml: "text/xml; charset=utf-8"
        }
    }

    /// `value` in this format; `root` names the XML document element (`services`, `service_requests`).
    func response(_ value: some Encodable, root: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) throws -> Response {
        let json = try JSONEncoder.api.encode(value)
        let body =
            switch self {
            case .json: json
            case .xml: Data(Open311XML.document(root: root, try JSONDecoder().decode(JSONValue.self, from: json)).utf8)
            }
        var headers = extra
        headers[.contentType] = mediaType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}
