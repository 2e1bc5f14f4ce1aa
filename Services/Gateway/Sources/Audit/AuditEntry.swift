import Foundation
import Models

/// One security-relevant event: who did what to which target, and when. Append-only.
struct AuditEntry: Codable, Equatable, Sendable {
    /// The audited actions; the raw values are the stable names clients filter by.
    enum Action: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
        case signIn = "auth.sign_in"
        case signInFailed = "auth.sign_in_failed"
        case refreshReuse = "auth.refresh_reuse"
        case userCreated = "user.created"
        case userUpdated = "user.updated"
        case rolesChanged = "user.roles_changed"
        case userDisabled = "user.disabled"
        case userEnabled = "user.enabled"
        case organizationCreated = "organization.created"
        case organizationUpdated = "organization.updated"
        case organizationDisabled = "organization.disabled"
        case organizationEnabled = "organization.enabled"
        case apiKeyCreated = "api_key.created"
        case apiKeyRevoked = "api_key.revoked"
        case logframeIndicatorCreated = "logframe.indicator_created"
        case logframeIndicatorUpdated = "logframe.indicator_updated"
        case logframeTargetsSet = "logframe.targets_set"
        case logframeIndicatorDeleted = "logframe.indicator_deleted"
    }

    /// The kinds of record an action is about; the raw values are the stable names in `targetType`.
    enum TargetType: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
        case user
        case organization
        case apiKey = "api_key"
        case logframeIndicator = "logframe_indicator"
    }

    /// The actor of what the gateway does by itself (the first admin at start-up).
    static let systemActor = "system"

    var id: UUID
    var occurredAt: Date
    /// The acting principal's subject, `anonymous`, or ``systemActor``.
    var actor: String
    var action: Action
    var targetType: TargetType
    var targetId: String?
    /// Extra facts (never secrets): e.g. the old and new roles.
    var details: [String: String]?
}
