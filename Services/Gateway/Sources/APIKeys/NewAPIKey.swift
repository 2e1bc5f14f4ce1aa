import Foundation
import ServiceKit

/// `POST /api/v1/api-keys`: a key for one organisation's system.
struct NewAPIKey: Decodable {
    /// The longest key name: 100 characters (code points, as the OpenAPI document's `maxLength` counts).
    static let nameLimit = TextLimit(maxCharacters: 100, required: true)
    /// The most scopes one key may list.
    static let maxScopes = 20

    let organizationId: UUID
    let name: String
    let scopes: [String]
    /// When the key stops working by itself; absent for a key that lives until revoked.
    let expiresAt: Date?

    /// The key's scopes, without repeats and in a stable order, once every field is checked
    /// (`422 validation_failed` naming each field that is wrong).
    func validScopes(now: Date) throws(ServiceError) -> [APIKey.Scope] {
        let parsed = scopes.compactMap(APIKey.Scope.init(rawValue:))
        var errors = FieldErrors()
        errors.check(name, Self.nameLimit, field: "name")
        errors.require(
            (1...Self.maxScopes).contains(scopes.count) && parsed.count == scopes.count, field: "scopes",
            "must be 1 to \(Self.maxScopes) of <service>:read or <service>:write, where service is one of \(APIKey.Scope.services.joined(separator: ", "))"
        )
        errors.require(expiresAt.map { $0 > now } ?? true, field: "expiresAt", "must be in the future")
        try errors.throwIfAny()
        return Set(parsed).sorted { $0.rawValue < $1.rawValue }
    }
}
