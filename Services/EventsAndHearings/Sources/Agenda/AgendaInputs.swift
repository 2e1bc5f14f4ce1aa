import Foundation
import Models
import ServiceKit

// The bodies that change an event's agenda, each validating itself before the workflow runs.

/// `POST /api/v1/events/{id}/agenda` adds an item at the end; `PATCH …/agenda/{itemId}` replaces the fields given.
struct AgendaItemInput: Decodable {
    let title: LocalizedText?
    let startsAt: Date?
    let durationMinutes: Int?
    let speakers: [String]?

    /// A new item from this input, at `position`; every field but `speakers` is required.
    func newItem(at position: Int, within event: EventDetails, now: Date) throws -> AgendaItem {
        var errors = FieldErrors()
        errors.require(title != nil, field: "title", "is required")
        errors.require(startsAt != nil, field: "startsAt", "is required")
        errors.require(durationMinutes != nil, field: "durationMinutes", "is required")
        try errors.throwIfAny()
        let item = AgendaItem(
            id: .v7(at: now), position: position, title: title!, startsAt: startsAt!, durationMinutes: durationMinutes!, speakers: speakers ?? [])
        try Self.validate(item, within: event)
        return item
    }

    /// `item` with the fields given replaced, validated.
    func applied(to item: AgendaItem, within event: EventDetails) throws -> AgendaItem {
        var changed = item
        changed.title = title ?? item.title
        changed.startsAt = startsAt ?? item.startsAt
        changed.durationMinutes = durationMinutes ?? item.durationMinutes
        changed.speakers = speakers ?? item.speakers
        try Self.validate(changed, within: event)
        return changed
    }

    /// Sizes, and that the item starts while its event runs.
    static func validate(_ item: AgendaItem, within event: EventDetails) throws {
        var errors = FieldErrors()
        errors.check(languagesOf: item.title, EventLimits.agendaTitle, field: "title")
        errors.checkRange(item.durationMinutes, in: EventLimits.agendaMinutes, field: "durationMinutes")
        errors.require(
            item.startsAt >= event.startsAt && item.startsAt < event.endsAt, field: "startsAt",
            "must be within the event: from its startsAt to before its endsAt")
        errors.checkCount(item.speakers, in: 0...EventLimits.maxSpeakers, field: "speakers")
        for (index, speaker) in item.speakers.enumerated() { errors.check(speaker, EventLimits.speaker, field: "speakers[\(index)]") }
        try errors.throwIfAny()
    }
}

/// `PUT /api/v1/events/{id}/agenda/order`: every item's ID, once each, in the new order.
struct AgendaOrder: Decodable {
    let itemIds: [UUID]

    func validate(against items: [AgendaItem]) throws {
        var errors = FieldErrors()
        errors.require(
            itemIds.count == items.count && Set(itemIds) == Set(items.map(\.id)), field: "itemIds",
            "must name every item of the agenda exactly once")
        try errors.throwIfAny()
    }
}
