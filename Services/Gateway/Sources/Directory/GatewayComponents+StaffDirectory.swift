import Foundation
import Models
import Web

extension GatewayComponents {
    /// The directory as the staff pages read it (``StaffDirectory``). A lookup that fails gives nothing: the page
    /// shows IDs as recorded and forms offer no choices, and a case page is still worth showing without them.
    var staffDirectory: StaffDirectory {
        StaffDirectory(
            names: { [users, organizations] ids, language in
                async let people = try? users.displayNames(of: ids)
                async let bodies = try? organizations.find(ids)
                var names = await people ?? [:]
                for (id, organization) in await bodies ?? [:] { names[id] = organization.name.text(preferring: [language]) }
                return names
            },
            people: { [users] roles in
                (try? await users.active(withAnyOf: roles))?.map { StaffDirectory.Entry(id: $0.id, name: $0.displayName) } ?? []
            },
            dutyBearers: { [organizations] language in
                let bodies = (try? await organizations.active(of: Organization.dutyBearerKinds)) ?? []
                return bodies.map { StaffDirectory.Entry(id: $0.id, name: $0.name.text(preferring: [language])) }
                    .sorted { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
            })
    }
}
