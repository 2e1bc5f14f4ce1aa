import Foundation
import Models
import ServiceKit

// The bodies that create and change an event, each validating itself before the workflow runs.

/// `POST /api/v1/events`: a new draft. Lists may be left out (empty); `visibility` defaults to `public`.
struct NewEvent: Decodable {
    let type: EventType
    let title: LocalizedText
    let description: LocalizedText?
    let format: EventFormat
    let startsAt: Date
    let endsAt: Date
    let venue: EventDetails.Venue?
    let onlineUrl: String?
    let organizerId: UUID
    let coOrganizerIds: [UUID]?
    let languages: [EventLanguage]?
    let interpretation: [EventLanguage]?
    let themes: [RightsTopic]?
    let targetGroups: [StakeholderType]?
    let visibility: EventVisibility?

    /// The details it describes, validated.
    func details() throws -> EventDetails {
        let details = EventDetails(
            type: type, title: title, description: description, format: format, startsAt: startsAt, endsAt: endsAt,
            venue: venue, onlineUrl: onlineUrl?.nilIfBlank, organizerId: organizerId, coOrganizerIds: coOrganizerIds ?? [],
            languages: languages ?? [], interpretation: interpretation ?? [], themes: themes ?? [], targetGroups: targetGroups ?? [],
            visibility: visibility ?? .public
        )
        try details.validate()
        return details
    }
}

/// `PATCH /api/v1/events/{id}`: the fields given replace the stored ones; absent or `null` ones stay.
/// A new `startsAt` moves the agenda with the event.
struct EventPatch: Decodable {
    let type: EventType?
    let title: LocalizedText?
    let description: LocalizedText?
    let format: EventFormat?
    let startsAt: Date?
    let endsAt: Date?
    let venue: EventDetails.Venue?
    let onlineUrl: String?
    let organizerId: UUID?
    let coOrganizerIds: [UUID]?
    let languages: [EventLanguage]?
    let interpretation: [EventLanguage]?
    let themes: [RightsTopic]?
    let targetGroups: [StakeholderType]?
    let visibility: EventVisibility?

    /// `details` with this patch applied, validated, and the names of the fields it changed.
    func applied(to details: EventDetails) throws -> (EventDetails, changed: [String]) {
        var patched = details
        var changed: [String] = []
        func set<Value: Equatable>(_ keyPath: WritableKeyPath<EventDetails, Value>, _ value: Value?, _ name: String) {
            guard let value, patched[keyPath: keyPath] != value else { return }
            patched[keyPath: keyPath] = value
            changed.append(name)
        }
        set(\.type, type, "type")
        set(\.title, title, "title")
        set(\.description, description.map(Optional.some), "description")
        set(\.format, format, "format")
        set(\.startsAt, startsAt, "startsAt")
        set(\.endsAt, endsAt, "endsAt")
        set(\.venue, venue.map(Optional.some), "venue")
        set(\.onlineUrl, onlineUrl.map { Optional.some($0) }, "onlineUrl")
        set(\.organizerId, organizerId, "organizerId")
        set(\.coOrganizerIds, coOrganizerIds, "coOrganizerIds")
        set(\.languages, languages, "languages")
        set(\.interpretation, interpretation, "interpretation")
        set(\.themes, themes, "themes")
        set(\.targetGroups, targetGroups, "targetGroups")
        set(\.visibility, visibility, "visibility")
        try patched.validate()
        return (patched, changed)
    }
}

/// `POST /api/v1/events/{id}/transitions`: `postponed` needs the new `startsAt` and `endsAt`, `cancelled` a `reason`.
struct EventTransition: Decodable {
    let to: EventStatus
    let note: String?
    let reason: String?
    let startsAt: Date?
    let endsAt: Date?

    func validate() throws {
        var errors = FieldErrors()
        errors.check(note, EventLimits.note, field: "note")
        if to == .cancelled {
            errors.require(reason != nil, field: "reason", "is required when cancelling")
            errors.check(reason, EventLimits.cancellationReason, field: "reason")
        }
        if to == .postponed {
            errors.require(startsAt != nil, field: "startsAt", "is required when postponing: the new start")
            errors.require(endsAt != nil, field: "endsAt", "is required when postponing: the new end")
        }
        try errors.throwIfAny()
    }
}

/// `POST /api/v1/events/{id}/copy`: the copy's dates; the agenda moves with them.
struct EventCopy: Decodable {
    let startsAt: Date
    let endsAt: Date
}

extension String {
    /// `nil` for a text of white space only, which a field treats as absent.
    var nilIfBlank: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}
