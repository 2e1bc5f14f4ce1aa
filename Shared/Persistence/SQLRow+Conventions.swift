import Foundation
import SQLKit

/// Decoding of the column conventions every service's schema follows: UUIDs as lower-case text,
/// timestamps as epoch milliseconds, enumerations as their raw strings.
extension SQLRow {
    /// A UUID stored as text.
    public func uuid(_ column: String) throws -> UUID {
        guard let id = UUID(uuidString: try decode(column: column, as: String.self)) else { throw Self.corrupted(column, "a UUID") }
        return id
    }

    /// An optional UUID stored as text.
    public func optionalUUID(_ column: String) throws -> UUID? {
        try decode(column: column, as: String?.self).flatMap(UUID.init(uuidString:))
    }

    /// A timestamp stored as epoch milliseconds.
    public func date(_ column: String) throws -> Date {
        Date(epochMilliseconds: try decode(column: column, as: Int64.self))
    }

    /// An optional timestamp stored as epoch milliseconds.
    public func optionalDate(_ column: String) throws -> Date? {
        try decode(column: column, as: Int64?.self).map(Date.init(epochMilliseconds:))
    }

    /// An enumeration stored as its raw string.
    public func enumeration<Value: RawRepresentable>(_ column: String, as type: Value.Type = Value.self) throws -> Value where Value.RawValue == String {
        guard let value = Value(rawValue: try decode(column: column, as: String.self)) else { throw Self.corrupted(column, "\(Value.self)") }
        return value
    }

    private static func corrupted(_ column: String, _ expected: String) -> DecodingError {
        DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "column \(column) does not hold \(expected)"))
    }
}

extension UUID {
    /// The lower-case text form stored in ID columns.
    public var text: String { uuidString.lowercased() }
}
