import Foundation
import ServiceKit

/// Checks, before anything is written, that the organisation IDs a body names are organisations of the
/// directory that are enabled; 422 naming each field that does not, 503 when the directory cannot be asked.
struct OrganizationCheck: Sendable {
    let directory: any OrganizationDirectory

    /// Requires every ID of `fields` (a field's name, such as `organizerId` or `coOrganizerIds[2]`, to its ID)
    /// to name an enabled organisation.
    func require(_ fields: [(field: String, id: UUID)]) async throws {
        guard !fields.isEmpty else { return }
        var ids: [UUID] = []
        for (_, id) in fields where !ids.contains(id) { ids.append(id) }
        let found: [UUID: DirectoryOrganization]
        do {
            found = try await directory.organizations(ids)
        } catch {
            // Whatever kept the directory from answering, the caller learns only that it did not: nothing is written.
            throw ServiceError.directoryUnavailable
        }
        var errors: [String: String] = [:]
        for (field, id) in fields {
            switch found[id] {
            case nil: errors[field] = Self.unknown
            case let organization? where !organization.isEnabled: errors[field] = Self.disabled
            default: break
            }
        }
        guard errors.isEmpty else { throw ServiceError.unknownOrganizations(errors) }
    }

    /// The message for an ID that names no organisation.
    static let unknown = "names no organisation of the directory"
    /// The message for a disabled organisation.
    static let disabled = "names an organisation that is disabled in the directory"

    /// The fields of an event's organisers: `organizerId` and `coOrganizerIds[i]`, leaving out those in `known`
    /// (already the event's, so a change that keeps them is not refused because one was disabled since).
    static func organizers(_ organizer: UUID?, _ coOrganizers: [UUID]?, known: Set<UUID> = []) -> [(field: String, id: UUID)] {
        var fields: [(field: String, id: UUID)] = []
        if let organizer, !known.contains(organizer) { fields.append(("organizerId", organizer)) }
        for (index, id) in (coOrganizers ?? []).enumerated() where !known.contains(id) { fields.append(("coOrganizerIds[\(index)]", id)) }
        return fields
    }
}
