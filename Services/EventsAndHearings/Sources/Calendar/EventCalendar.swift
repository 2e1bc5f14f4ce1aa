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
        var calendar = ICalendar()
        calendar.raw("BEGIN", "VCALENDAR")
        calendar.raw("VERSION", "2.0")
        calendar.raw("PRODID", productID)
        calendar.raw("CALSCALE", "GREGORIAN")
        calendar.raw("METHOD", "PUBLISH")
        calendar.text("X-WR-CALNAME", "Events and hearings")
        calendar.raw("X-WR-TIMEZONE", BishkekTime.zoneIdentifier)
        timeZone(into: &calendar)
        for entry in entries {
            event(entry.event, into: &calendar, languages: languages, occurrences: entry.changedOccurrences)
            for moved in entry.changedOccurrences where moved.status == .moved {
                event(entry.event, into: &calendar, languages: languages, movedOccurrence: moved)
            }
        }
        calendar.raw("END", "VCALENDAR")
        return calendar.bytes
    }

    /// Asia/Bishkek: UTC+6 all year, without daylight saving since 2005.
    private static func timeZone(into calendar: inout ICalendar) {
        calendar.raw("BEGIN", "VTIMEZONE")
        calendar.raw("TZID", BishkekTime.zoneIdentifier)
        calendar.raw("BEGIN", "STANDARD")
        calendar.raw("DTSTART", "19700101T000000")
        calendar.raw("TZOFFSETFROM", "+0600")
        calendar.raw("TZOFFSETTO", "+0600")
        calendar.raw("TZNAME", "+06")
        calendar.raw("END", "STANDARD")
        calendar.raw("END", "VTIMEZONE")
    }

    private static func event(
        _ event: Event, into calendar: inout ICalendar, languages: [Language], occurrences: [Occurrence] = [], movedOccurrence: Occurrence? = nil
    ) {
        let details = event.details
        let zoned = "TZID=\(BishkekTime.zoneIdentifier)"
        calendar.raw("BEGIN", "VEVENT")
        calendar.raw("UID", "\(event.id.text)@\(uidDomain)")
        calendar.raw("DTSTAMP", ICalendar.utc(event.updatedAt))
        calendar.raw("CREATED", ICalendar.utc(event.createdAt))
        calendar.raw("LAST-MODIFIED", ICalendar.utc(event.updatedAt))
        // Every change raises the version, so clients replace what they hold.
        calendar.raw("SEQUENCE", String(event.version - 1))
        if let moved = movedOccurrence {
            calendar.raw("RECURRENCE-ID;\(zoned)", ICalendar.bishkek(moved.originalStartsAt))
            calendar.raw("DTSTART;\(zoned)", ICalendar.bishkek(moved.startsAt))
            calendar.raw("DTEND;\(zoned)", ICalendar.bishkek(moved.endsAt))
        } else {
            calendar.raw("DTSTART;\(zoned)", ICalendar.bishkek(details.startsAt))
            calendar.raw("DTEND;\(zoned)", ICalendar.bishkek(details.endsAt))
            if let rule = event.recurrenceRule {
                calendar.raw("RRULE", rule.text)
                // A moved occurrence is replaced by its own VEVENT; a cancelled one is left out.
                for cancelled in occurrences.filter({ $0.status == .cancelled }).sorted(by: { $0.originalStartsAt < $1.originalStartsAt }) {
                    calendar.raw("EXDATE;\(zoned)", ICalendar.bishkek(cancelled.originalStartsAt))
                }
            }
        }
        calendar.text("SUMMARY", details.title.text(preferring: languages))
        if let description = details.description { calendar.text("DESCRIPTION", description.text(preferring: languages)) }
        if let venue = details.venue {
            let place = [venue.address, venue.locality, venue.regionCode.name.text(preferring: languages)].compactMap { $0 }
            calendar.text("LOCATION", place.joined(separator: ", "))
        }
        // A URI, not TEXT: written as given, less any control character (the URL was validated as http or https).
        if let url = details.onlineUrl { calendar.raw("URL", String(url.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F })) }
        calendar.text("CATEGORIES", details.type.rawValue)
        calendar.raw("STATUS", event.status == .cancelled ? "CANCELLED" : "CONFIRMED")
        calendar.raw("CLASS", "PUBLIC")
        calendar.raw("END", "VEVENT")
    }
}
