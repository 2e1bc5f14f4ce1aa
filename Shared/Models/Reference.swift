import Foundation

/// A record of one service named in another (DESIGN.md §8): `{"service": "appeals", "type": "appeal", "id": "…"}`.
/// The naming service may cache the record's public title, never its personal data.
public struct Reference: Codable, Hashable, Sendable {
    /// The service that owns the record, by its catalog name.
    public let service: String
    /// The kind of record (`appeal`, `event`, `question`).
    public let type: String
    /// The record's ID in its service.
    public let id: UUID

    /// Names a record.
    public init(service: String, type: String, id: UUID) {
        self.service = service
        self.type = type
        self.id = id
    }
}
