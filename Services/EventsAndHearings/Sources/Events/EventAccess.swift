import Foundation
import Models
import ServiceKit

/// Who may see and run which event. Checked here, in the service, for every object: the gateway only
/// keeps the public away from the routes that change things.
enum EventAccess {
    /// Project staff, who run every event.
    static let staff: Set<Role> = [.admin, .coordinator]
    /// Who may create events at all: staff, and council members for their own council or region.
    static let organizers: Set<Role> = staff.union([.councilMember])
    /// Who read published `partners` events besides staff and organisers: the programme's partners.
    static let partners: Set<Role> = [.csoPartner, .councilMember, .legalExpert, .verifier]

    /// Whether `principal` runs `details`' event: staff always; a council member when the event is their
    /// council's (it organises it) or in their council's region.
    static func mayRun(_ details: EventDetails, _ principal: Principal) -> Bool {
        if !principal.roles.isDisjoint(with: staff) { return true }
        guard principal.roles.contains(.councilMember) else { return false }
        if let organization = principal.organizationID, details.organizerId == organization { return true }
        if let region = principal.organizationRegion, details.regionCode == region { return true }
        return false
    }

    /// The visibilities of published events `identity` may read without running them.
    static func readableVisibilities(for identity: Identity) -> [EventVisibility] {
        if !identity.roles.isDisjoint(with: partners) { return [.public, .partners] }
        return [.public]
    }

    /// Whether `identity` may see `event`: those who run it always, everyone else once it is published and
    /// its visibility lets them.
    static func maySee(_ event: Event, _ identity: Identity) -> Bool {
        if case .principal(let principal) = identity, mayRun(event.details, principal) { return true }
        return event.isPublished && readableVisibilities(for: identity).contains(event.details.visibility)
    }

    /// The event if `identity` may see it; otherwise 404, so its existence is not revealed.
    static func require(_ event: Event?, visibleTo identity: Identity) throws -> Event {
        guard let event, maySee(event, identity) else { throw ServiceError.notFound("event") }
        return event
    }

    /// Narrows a list to what `identity` may see.
    static func restrict(_ filter: inout EventRepository.Filter, for identity: Identity) {
        filter.readableVisibilities = readableVisibilities(for: identity)
        guard case .principal(let principal) = identity else { return }
        if !principal.roles.isDisjoint(with: staff) {
            filter.seesEverything = true
        } else if principal.roles.contains(.councilMember) {
            filter.runBy = EventRepository.Filter.Organizer(organizationID: principal.organizationID, region: principal.organizationRegion)
        }
    }
}
