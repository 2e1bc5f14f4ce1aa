import Foundation

/// One page of a list: `{"items": [...], "nextCursor": "..."}`; `nextCursor` is absent on the last page.
public struct Page<Item: Sendable>: Sendable {
    /// The items on this page, in list order.
    public var items: [Item]
    /// The cursor that fetches the next page, or `nil` when this is the last page.
    public var nextCursor: Cursor?

    /// Creates a page.
    public init(items: [Item], nextCursor: Cursor?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    /// Builds a page from up to `limit + 1` rows fetched in list order.
    ///
    /// Fetching one row more than asked is how we know whether a next page exists without a count.
    public init(fetched rows: [Item], limit: Int, cursorAfter: (Item) -> Cursor) {
        let hasMore = rows.count > limit
        self.items = Array(rows.prefix(limit))
        self.nextCursor = hasMore ? items.last.map(cursorAfter) : nil
    }
}

extension Page: Equatable where Item: Equatable {}
extension Page: Encodable where Item: Encodable {}
extension Page: Decodable where Item: Decodable {}

extension Page {
    /// The same page with each item transformed, e.g. from a row type to its API representation.
    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), nextCursor: nextCursor)
    }
}

/// What a client asked of a list: how many items and after which cursor.
public struct PageRequest: Equatable, Sendable {
    /// Items per page when the client does not say.
    public static let defaultLimit = 50
    /// The most items a client may ask for in one page.
    public static let maximumLimit = 200

    /// How many items to return.
    public let limit: Int
    /// Where the previous page ended, if this is not the first page.
    public let cursor: Cursor?

    /// Why a list request was refused.
    public enum ValidationError: Error, Equatable, Sendable {
        /// `limit` is not a whole number between 1 and ``PageRequest/maximumLimit``.
        case invalidLimit(String)
        /// `cursor` was not produced by this API.
        case invalidCursor
    }

    /// Validates the raw `limit` and `cursor` query parameters.
    public init(limit rawLimit: String?, cursor rawCursor: String?) throws(ValidationError) {
        if let rawLimit {
            guard let limit = Int(rawLimit), (1...Self.maximumLimit).contains(limit) else {
                throw .invalidLimit(rawLimit)
            }
            self.limit = limit
        } else {
            self.limit = Self.defaultLimit
        }
        if let rawCursor {
            guard let cursor = Cursor(encoded: rawCursor) else { throw .invalidCursor }
            self.cursor = cursor
        } else {
            self.cursor = nil
        }
    }
}

/// An opaque position in a list: the sort key and ID of the last item a client saw.
///
/// On the wire it is base64url JSON, so clients cannot depend on its shape, while the server can
/// keyset-paginate (`WHERE (key, id) > (?, ?)`) instead of using slow, unstable offsets.
public struct Cursor: Codable, Hashable, Sendable {
    /// The sort key of the last item seen (e.g. a timestamp or name).
    public let key: String
    /// The ID of the last item seen; breaks ties between equal keys.
    public let id: UUID

    /// Creates a cursor positioned after the item with this key and ID.
    public init(key: String, id: UUID) {
        self.key = key
        self.id = id
    }

    /// Decodes a cursor from its wire form; `nil` when it was not produced by ``encoded``.
    public init?(encoded: String) {
        guard encoded.count <= 1024, let data = Data(base64URLEncoded: encoded),
            let payload = try? JSONDecoder().decode(Payload.self, from: data)
        else { return nil }
        self.init(key: payload.k, id: payload.i)
    }

    /// The wire form: base64url without padding.
    public var encoded: String {
        let data = try! JSONEncoder().encode(Payload(k: key, i: id)) // two plain fields always encode
        return data.base64URLEncodedString()
    }

    private struct Payload: Codable {
        let k: String
        let i: UUID
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let cursor = Cursor(encoded: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a cursor issued by this API")
        }
        self = cursor
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(encoded)
    }
}

extension Data {
    /// Decodes base64url (RFC 4648 §5), with or without padding.
    ///
    /// Byte by byte rather than with `replacingOccurrences`, which bridges to `NSString`: identity
    /// assertions are encoded and decoded on every forwarded request (Benchmarks/README.md, "Profiles").
    public init?(base64URLEncoded text: String) {
        var bytes = Array(text.utf8)
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "-"): bytes[index] = UInt8(ascii: "+")
            case UInt8(ascii: "_"): bytes[index] = UInt8(ascii: "/")
            default: break
            }
        }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "="), count: (4 - bytes.count % 4) % 4))
        self.init(base64Encoded: Data(bytes))
    }

    /// Encodes as base64url (RFC 4648 §5) without padding.
    public func base64URLEncodedString() -> String {
        var bytes = Array(base64EncodedData())
        while bytes.last == UInt8(ascii: "=") {
            bytes.removeLast()
        }
        for index in bytes.indices {
            switch bytes[index] {
            case UInt8(ascii: "+"): bytes[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): bytes[index] = UInt8(ascii: "_")
            default: break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
