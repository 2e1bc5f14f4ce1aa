import Foundation

/// An RFC 9457 problem-details body (`application/problem+json`).
///
/// `code` is the stable, machine-readable name clients switch on; `title` and `detail` are for people.
/// `errors` maps a field path (e.g. `submitter.email`) to what is wrong with it.
public struct Problem: Codable, Equatable, Sendable {
    /// The media type of a problem-details body.
    public static let mediaType = "application/problem+json"

    /// A URI naming the problem type; `about:blank` when the status code says it all.
    public var type: String
    /// A short summary of the problem type.
    public var title: String
    /// The HTTP status code.
    public var status: Int
    /// What went wrong in this occurrence, worded so the client can act on it.
    public var detail: String?
    /// The stable machine-readable code, e.g. `malformed_json`.
    public var code: String
    /// Per-field messages, keyed by field path.
    public var errors: [String: String]?

    /// Creates a problem; `type` is derived from `code` so each code has one documented URI.
    public init(status: Int, code: String, title: String, detail: String? = nil, errors: [String: String]? = nil) {
        self.type = "https://openmedia.kg/problems/\(code.replacingOccurrences(of: "_", with: "-"))"
        self.title = title
        self.status = status
        self.detail = detail
        self.code = code
        self.errors = errors
    }
}
