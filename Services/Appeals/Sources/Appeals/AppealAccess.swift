import Foundation
import Models
import ServiceKit

/// Who may see which appeal, and how much of it. Checked here, in the service, for every object: the
/// gateway only keeps the public away from non-public routes.
enum AppealAccess {
    /// Staff who see every appeal in full.
    static let seeEverything: Set<Role> = [.admin, .coordinator, .verifier]
    /// Staff who move appeals through the workflow.
    static let caseworkers: Set<Role> = [.admin, .coordinator, .verifier]
    /// Who assign staff to an appeal and extend its deadline.
    static let assigners: Set<Role> = [.admin, .coordinator]
    /// Who may answer an appeal.
    static let responders: Set<Role> = [.admin, .coordinator, .legalExpert]

    /// How much of an appeal a caller may see.
    enum View {
        /// Everything, personal data included.
        case full
        /// Only what ``CouncilAppealDocument`` lists: no personal data, no special-category data.
        case council
    }

    /// What `principal` may see of `appeal`, or `nil` when the appeal is none of their business.
    static func view(of appeal: Appeal, for principal: Principal) -> View? {
        if !principal.roles.isDisjoint(with: seeEverything) { return .full }
        if principal.roles.contains(.legalExpert), appeal.legalExpertSubject == principal.subject { return .full }
        if principal.roles.contains(.csoPartner), let organization = principal.organizationID,
            appeal.submittedByOrganization == organization
        {
            return .full
        }
        if principal.roles.contains(.councilMember), let region = principal.organizationRegion, appeal.regionCode == region {
            return .council
        }
        return nil
    }

    /// Narrows a staff list to what `principal` may see; throws 403 for roles that see no appeals.
    static func restrict(_ filter: inout AppealRepository.Filter, for principal: Principal) throws {
        if !principal.roles.isDisjoint(with: seeEverything) { return }
        if principal.roles.contains(.legalExpert) {
            filter.legalExpert = principal.subject
        } else if principal.roles.contains(.csoPartner), let organization = principal.organizationID {
            filter.submittedByOrganization = organization
        } else if principal.roles.contains(.councilMember), let region = principal.organizationRegion {
            guard filter.regionCode == nil || filter.regionCode == region else { throw ServiceError.forbidden }
            filter.regionCode = region
            // What a council may not see must not be found by filtering either: no search in staff
            // summaries, and no sensitive appeal found by its category, channel or dates.
            filter.searchesStaffSummaries = false
            if filter.narrowsByCouncilWithheldFields { filter.excludesSensitive = true }
        } else {
            throw ServiceError.forbidden
        }
    }

    /// The appeal if `principal` may see it; otherwise 404, so its existence is not revealed.
    static func require(_ appeal: Appeal?, visibleTo principal: Principal) throws -> (Appeal, View) {
        guard let appeal, let view = view(of: appeal, for: principal) else { throw ServiceError.notFound("appeal") }
        return (appeal, view)
    }
}
