import Foundation
import Hummingbird
import ServiceKit

/// The fields of a submitted form (`application/x-www-form-urlencoded`), read with bounds: a form of the site
/// is a few kilobytes, so a larger body or one with very many fields is refused before anything is parsed.
public struct FormFields: Sendable {
    /// The largest form body read, in bytes: a long appeal description in Cyrillic fits many times over.
    public static let maxBytes = 256 << 10
    /// The most fields a form may have.
    public static let maxFields = 200

    /// Each field's first value, by name.
    private let values: [String: String]

    /// The fields of `body`.
    init(parsing body: String) throws(FormError) {
        var values: [String: String] = [:]
        let pairs = body.split(separator: "&", omittingEmptySubsequences: true)
        guard pairs.count <= Self.maxFields else { throw .tooManyFields }
        for pair in pairs {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw .malformed
            }
            if values[name] == nil { values[name] = value }
        }
        self.values = values
    }

    /// The form of `request`, whose body must be URL-encoded and within ``maxBytes``.
    public static func read(from request: Request) async throws(FormError) -> FormFields {
        guard request.headers[.contentType]?.lowercased().hasPrefix("application/x-www-form-urlencoded") == true else {
            throw .notAForm
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maxBytes)
        } catch {
            throw .tooLarge
        }
        return try FormFields(parsing: String(buffer: buffer))
    }

    /// The value of field `name`, `nil` when the form has none.
    public subscript(name: String) -> String? {
        values[name]
    }

    /// The value of field `name` with surrounding white space removed; `nil` when missing or blank.
    public func trimmed(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }

    /// Whether checkbox `name` was ticked.
    public func isChecked(_ name: String) -> Bool {
        values[name] != nil
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}

/// Why a form submission could not be read.
public enum FormError: Error, Equatable {
    /// The body is not `application/x-www-form-urlencoded`.
    case notAForm
    /// The body is over ``FormFields/maxBytes``.
    case tooLarge
    /// The body has more than ``FormFields/maxFields`` fields.
    case tooManyFields
    /// A name or value is not valid percent-encoding.
    case malformed
}
