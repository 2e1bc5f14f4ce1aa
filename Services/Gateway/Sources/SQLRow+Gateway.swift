import Foundation
import Persistence
import SQLKit

extension SQLRow {
    /// A UUID stored as text.
    func uuid(_ column: String) throws -> UUID {
        let text = try decode(column: column, as: String.self)
        guard let id = UUID(uuidString: text) else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(column) is not a UUID")) }
        return id
    }

    /// An optional UUID stored as text.
    func optionalUUID(_ column: String) throws -> UUID? {
        try decode(column: column, as: String?.self).flatMap(UUID.init(uuidString:))
    }

    /// A timestamp stored as epoch milliseconds.
    func date(_ column: String) throws -> Date {
        Date(epochMilliseconds: try decode(column: column, as: Int64.self))
    }

    /// An optional timestamp stored as epoch milliseconds.
    func optionalDate(_ column: String) throws -> Date? {
        try decode(column: column, as: Int64?.self).map(Date.init(epochMilliseconds:))
    }
}

extension UUID {
    /// The lower-case text form the gateway stores.
    var text: String { uuidString.lowercased() }
}
