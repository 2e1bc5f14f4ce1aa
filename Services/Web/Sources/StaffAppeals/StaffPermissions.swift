import Models
import ServiceKit

/// Which change forms the case page offers a person: the same role sets as the appeals service's access rules
/// (`AppealAccess`, `PublicationController.publishers`), and only where the appeal's state lets the change
/// happen. The API still decides every change; a refusal is shown on the form.
struct StaffPermissions: Sendable {
    /// Staff who move appeals through the workflow, check facts, refer and publish.
    static let caseworkers: Set<Role> = [.admin, .coordinator, .verifier]
    /// Who assign staff and extend deadlines.
    static let assigners: Set<Role> = [.admin, .coordinator]
    /// Who may answer an appeal.
    static let responders: Set<Role> = [.admin, .coordinator, .legalExpert]
    /// Who may reopen a closed appeal.
    static let reopeners: Set<Role> = [.admin, .coordinator]

    let roles: Set<Role>

    init(_ identity: Identity?) {
        roles = identity?.roles ?? []
    }

    private func isAny(_ set: Set<Role>) -> Bool { !roles.isDisjoint(with: set) }

    /// The statuses the transition form offers for an appeal in `status`.
    func transitions(from status: StaffAppealStatus) -> [StaffAppealStatus] {
        if isAny(Self.caseworkers) {
            return status == .closed && !isAny(Self.reopeners) ? [] : status.offeredTransitions
        }
        // Legal experts may only mark an appeal answered.
        if roles.contains(.legalExpert) { return status.offeredTransitions.filter { $0 == .answered } }
        return []
    }

    /// Whether the case page offers `change` for `appeal` with case file `file`.
    func offers(_ change: StaffChange, appeal: StaffAppeal, file: StaffCaseFile) -> Bool {
        let status = appeal.status
        switch change {
        case .verification: return isAny(Self.caseworkers) && status == .inVerification
        case .transition: return !transitions(from: status).isEmpty
        case .assignment: return isAny(Self.assigners) && status.isOpen
        case .referral: return isAny(Self.caseworkers) && status.isVerifiedOrLater && status.isOpen
        case .reply: return isAny(Self.caseworkers) && file.referrals.contains { $0.reply == nil }
        case .response: return isAny(Self.responders) && status.isVerifiedOrLater && status.isOpen
        case .extension: return isAny(Self.assigners) && status.isOpen && appeal.extensionReason == nil
        case .publication: return isAny(Self.caseworkers) && status.isVerifiedOrLater && appeal.consent?.publication == true
        case .withdrawal: return isAny(Self.caseworkers) && file.isPublished
        }
    }
}
