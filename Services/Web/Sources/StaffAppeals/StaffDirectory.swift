import Foundation
import Models
import ServiceKit

/// What staff pages need from the gateway's directory: the names to show for the IDs a service records (history's
/// actors, fact-checkers, assigned verifiers and legal experts, referrals' duty-bearers), and the people and
/// bodies a form may choose from. The services keep IDs only, so a renamed person or body shows by today's name.
public struct StaffDirectory: Sendable {
    /// A person or an organisation as a form offers it.
    public struct Entry: Sendable, Equatable {
        public let id: UUID
        public let name: String

        /// An entry for `id` named `name`.
        public init(id: UUID, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// The display names of the users and organisations among `ids` that exist, organisations' in `language`
    /// (or the next one they have).
    public typealias Names = @Sendable (_ ids: [UUID], _ language: Language) async -> [UUID: String]
    /// The active users holding any of `roles`, by name.
    public typealias People = @Sendable (_ roles: Set<Role>) async -> [Entry]
    /// The active duty-bearers a referral may go to (state bodies, the Ombudsman's office), by name in `language`.
    public typealias DutyBearers = @Sendable (_ language: Language) async -> [Entry]

    /// IDs looked up for one page at most; a case file names a few dozen.
    static let maxIDs = 500
    /// The roles an assigned verifier and an assigned legal expert hold (appeals' own rules decide the rest).
    static let verifierRoles: Set<Role> = [.verifier, .coordinator]
    static let legalExpertRoles: Set<Role> = [.legalExpert]
    /// The catalogue keys this code looks up itself.
    static let catalogueKeys = ["staff_actor_anonymous", "staff_actor_partner_system"]

    let lookUpNames: Names
    let people: People
    let dutyBearers: DutyBearers

    /// A directory answering through these lookups.
    public init(names: @escaping Names, people: @escaping People, dutyBearers: @escaping DutyBearers) {
        self.lookUpNames = names
        self.people = people
        self.dutyBearers = dutyBearers
    }

    /// How to name each of `subjects` (a service's record of who acted: a user's ID, `anonymous`, `apikey:<id>`
    /// or a service's name) and each of `organizations` (by lowercased ID), in `texts`' language. Subjects not
    /// found are left out: the page shows them as recorded.
    func names(of subjects: Set<String>, organizations: Set<UUID>, language: Language, texts: [String: String]) async -> [String: String] {
        let people = subjects.compactMap(UUID.init(uuidString:))
        let ids = Array(Set(people).union(organizations).prefix(Self.maxIDs))
        let found = ids.isEmpty ? [:] : await lookUpNames(ids, language)
        var names: [String: String] = [:]
        for subject in subjects {
            if subject == IdentityAssertion.anonymousSubject {
                names[subject] = texts["staff_actor_anonymous"]
            } else if subject.hasPrefix("apikey:") {
                names[subject] = texts["staff_actor_partner_system"]
            } else if let id = UUID(uuidString: subject), let name = found[id] {
                names[subject] = name
            }
        }
        for id in organizations { names[id.uuidString.lowercased()] = found[id] }
        return names
    }
}
