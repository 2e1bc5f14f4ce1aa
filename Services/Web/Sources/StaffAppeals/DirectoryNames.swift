import Foundation
import Models
import ServiceKit

/// The names staff pages show for the IDs a service records: people (history's actors, fact-checkers,
/// assigned verifiers and legal experts) and organisations (referrals' duty-bearers), from the gateway's
/// directory. The services keep IDs only, so a renamed person or body shows by their name of today.
public struct DirectoryNames: Sendable {
    /// The display names of the users and organisations among `ids` that exist, organisations' in `language`
    /// (or the next one they have).
    public typealias Lookup = @Sendable (_ ids: [UUID], _ language: Language) async -> [UUID: String]

    /// IDs looked up for one page at most; a case file names a few dozen.
    static let maxIDs = 500

    let lookup: Lookup

    /// Names found by `lookup`.
    public init(lookup: @escaping Lookup) {
        self.lookup = lookup
    }

    /// How to name each of `subjects` (a service's record of who acted: a user's ID, `anonymous`, `apikey:<id>`
    /// or a service's name) and each of `organizations`, in `texts`' language.
    func names(of subjects: Set<String>, organizations: Set<UUID>, language: Language, texts: [String: String]) async -> [String: String] {
        let people = subjects.compactMap(UUID.init(uuidString:))
        let ids = Array(Set(people).union(organizations).prefix(Self.maxIDs))
        let found = ids.isEmpty ? [:] : await lookup(ids, language)
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
