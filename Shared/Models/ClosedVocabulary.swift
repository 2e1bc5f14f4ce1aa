/// A closed list of string codes (statuses, regions, roles …) that decodes with an error a person can act
/// on: "must be one of a, b, c", instead of Foundation's message, which names the Swift type.
///
/// Conform an enum with `String` raw values; its `init(from:)` comes from here.
public protocol ClosedVocabulary: RawRepresentable, CaseIterable, Decodable, Sendable where RawValue == String {}

extension ClosedVocabulary {
    /// Every accepted code, in declaration order, joined for a message.
    public static var acceptedCodes: String { allCases.map(\.rawValue).joined(separator: ", ") }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let value = Self(rawValue: code) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "must be one of \(Self.acceptedCodes)",
                    underlyingError: PlainDecodingMessage("must be one of \(Self.acceptedCodes)")
                ))
        }
        self = value
    }
}

/// A decoding failure worded for the client (no type names), which the JSON decoding of request bodies
/// shows as the field's error.
public struct PlainDecodingMessage: Error, Sendable {
    /// The message, such as "must be one of ky, ru, en".
    public let message: String

    /// A message for the field that failed.
    public init(_ message: String) {
        self.message = message
    }
}
