import Foundation

// What the gateway tests read of its answers, decoded from the wire: only the fields they check.

/// A user as the directory shows one.
struct UserView: Decodable {
    let id: UUID
    let email: String?
    let roles: [String]?
    let isDisabled: Bool?
    let organizationId: UUID?
    /// Never sent: decoded only to prove it is absent.
    let passwordHash: String?
}

/// The answer to signing in or refreshing.
struct SessionView: Decodable {
    let accessToken: String
    let refreshToken: String
    let expiresIn: Int?
    let user: UserView?
}

/// An organisation in the directory.
struct OrganizationView: Decodable {
    let id: UUID
    let name: [String: String]
}

/// The answer to creating an API key: the key, shown once, and its record.
struct CreatedAPIKey: Decodable {
    let key: String?
    let apiKey: APIKeyView
    let replayNotice: String?
}

/// An API key's record (never its secret).
struct APIKeyView: Decodable {
    let id: String
    let expiresAt: String?
}

/// An audit entry.
struct AuditEntry: Decodable {
    let action: String
    let targetType: String?
    let targetId: String?
    let details: [String: String]?
}

/// One page of a list.
struct Listing<Item: Decodable>: Decodable {
    let items: [Item]
    let nextCursor: String?
}
