import Foundation
import Models
import Persistence
import ServiceKit

/// The events feed as an iCalendar document: one VEVENT per event, UID stable per event, `SEQUENCE` its
/// number of changes, times in Asia/Bishkek with the zone's VTIMEZONE, a series as its RRULE with
/// cancelled occurrences as EXDATE and moved ones as their own VEVENT with a RECURRENCE-ID.
struct EventCalendar {
    /// Names the calendar's producer (RFC 5545 PRODID).
    static let productID = "-//OpenMedia//events-and-hearings//EN"
    /// What makes an event's UID unique beyond its ID.
    static let uidDomain = "events-and-hearings.openmedia"

    /// One event and the changed occurrences of its series.
    struct Entry {
        var event: Event
        var changedOccurrences: [Occurrence]
    }

    /// The document of `entries`, with texts in `languages` where they have them.
    static func document(_ entries: [Entry], languages: [Language]) -> [UInt8] {
        var calendar = ICalendar.publishedFeed(productID: productID, name: "Events and hearings")
        for entry in entries {
            event(entry.event, into: &calendar, languages: languages, occurrences: entry.changedOccurrences)
            for moved in entry.changedOccurrences where moved.status == .moved {
                event(entry.event, into: &calendar, languages: languages, movedOccurrence: moved)
            }
        }
        calendar.raw("END", "VCALENDAR")
        return calendar.bytes
    }

    private static func event(
        _ event: Event, into calendar: inout ICalendar, languages: [Language], occurrences: [Occurrence] = [], movedOccurrence: Occurrence? = nil
    ) {
        let details = event.details
        calendar.beginEvent(uid: "\(event.id.text)@\(uidDomain)", createdAt: event.createdAt, updatedAt: event.updatedAt, version: event.version)
        if let moved = movedOccurrence {
            calendar.bishkekTime("RECURRENCE-ID", moved.originalStartsAt)
            calendar.bishkekTime("DTSTART", moved.startsAt)
            calendar.bishkekTime("DTEND", moved.endsAt)
        } else {
            calendar.bishkekTime("DTSTART", details.startsAt)
            calendar.bishkekTime("DTEND", details.endsAt)
            if let rule = event.recurrenceRule {
                calendar.raw("RRULE", rule.text)
                // A moved occurrence is replaced by its own VEVENT; a cancelled one is left out.
                for cancelled in occurrences.filter({ $0.status == .cancelled }).sorted(by: { $0.originalStartsAt < $1.originalStartsAt }) {
                    calendar.bishkekTime("EXDATE", cancelled.originalStartsAt)
                }
            }
        }
        calendar.text("SUMMARY", details.title.text(preferring: languages))
        if let description = details.description { calendar.text("DESCRIPTION", description.text(preferring: languages)) }
        if let venue = details.venue {
            let place = [venue.address, venue.locality, venue.regionCode.name.text(preferring: languages)].compactMap { $0 }
            calendar.text("LOCATION", place.joined(separator: ", "))
        }
        if let url = details.onlineUrl { calendar.uri("URL", url) }
        calendar.text("CATEGORIES", details.type.rawValue)
        calendar.raw("STATUS", event.status == .cancelled ? "CANCELLED" : "CONFIRMED")
        calendar.raw("CLASS", "PUBLIC")
        calendar.raw("END", "VEVENT")
    }
}
