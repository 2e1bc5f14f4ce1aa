import Foundation
import Models

/// Who a participant is, sealed at rest as one document (``RegistrationRepository``): their name and
/// contact, and the disaggregation fields of DESIGN.md §8, each kept only when they consented to it.
struct Participant: Codable, Equatable, Sendable {
    var name: String?
    var phone: String?
    var email: String?
    var sex: Sex?
    var ageBand: AgeBand?
    var vulnerableGroups: [VulnerableGroup]?
    var stakeholderType: StakeholderType?
}
