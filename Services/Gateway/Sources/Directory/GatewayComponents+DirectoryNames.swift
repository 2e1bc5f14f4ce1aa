import Foundation
import Models
import Web

extension GatewayComponents {
    /// The directory's names for the staff pages: users' display names and organisations' names. A lookup that
    /// fails names nobody, and the page shows the IDs: a case page is still worth showing without names.
    var directoryNames: DirectoryNames {
        DirectoryNames { [users, organizations] ids, language in
            async let people = try? users.displayNames(of: ids)
            async let bodies = try? organizations.find(ids)
            var names = await people ?? [:]
            for (id, organization) in await bodies ?? [:] { names[id] = organization.name.text(preferring: [language]) }
            return names
        }
    }
}
