import Foundation
import Models

/// `POST /api/v1/organizations`: a new organisation.
struct NewOrganization: Decodable {
    let type: Organization.Kind
    let name: LocalizedText
    let regionCode: Region?

    /// The organisation this asks for, not yet checked or saved.
    func organization(now: Date) -> Organization {
        Organization(id: .v7(), type: type, name: name, regionCode: regionCode, isDisabled: false, version: 1, createdAt: now, updatedAt: now)
    }
}

/// `PATCH /api/v1/organizations/{id}`: the fields to change; absent ones stay as they are.
struct OrganizationChanges: Decodable {
    let name: LocalizedText?
    let regionCode: Region?
    let type: Organization.Kind?

    /// `organization` with these changes, not yet checked or saved.
    func applied(to organization: Organization) -> Organization {
        var changed = organization
        changed.name = name ?? organization.name
        changed.type = type ?? organization.type
        changed.regionCode = regionCode ?? organization.regionCode
        return changed
    }
}
