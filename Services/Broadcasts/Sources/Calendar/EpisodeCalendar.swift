import Foundation
import Models
import Persistence
import ServiceKit

/// The episode schedule as an iCalendar document: one VEVENT per episode (UID stable per episode,
/// `SEQUENCE` its number of changes, `STATUS:CANCELLED` once called off), and one per show with a regular
/// slot, repeating by the show's RRULE from its first announced episode. Times in Asia/Bishkek with the
/// zone's VTIMEZONE.
enum EpisodeCalendar {
    /// Names the calendar's producer (RFC 5545 PRODID).
    static let productID = "-//OpenMedia//broadcasts//EN"
    /// What makes a UID unique beyond the episode's or show's ID.
    static let uidDomain = "broadcasts.openmedia"

    /// A show in the feed, and the episode its regular slot begins with (`nil`: no slot is written).
    struct ShowEntry {
        var show: Show
        var slotStart: Episode?
    }

    /// The document of `episodes`, whose shows are in `shows`, with texts in `languages` where they have them.
    static func document(_ episodes: [Episode], shows: [UUID: ShowEntry], languages: [Language]) -> String {
        var calendar = ICalendar.publishedFeed(productID: productID, name: "Broadcasts")
        for entry in shows.values.sorted(by: { $0.show.id.text < $1.show.id.text }) {
            guard let rule = entry.show.details.regularSlot, let first = entry.slotStart else { continue }
            slot(of: entry.show, rule: rule, from: first, into: &calendar, languages: languages)
        }
        for episode in episodes {
            guard let show = shows[episode.showId]?.show else { continue }
            event(episode, of: show, into: &calendar, languages: languages)
        }
        calendar.raw("END", "VCALENDAR")
        return calendar.text
    }

    /// The show's regular slot: free time (`TRANSP:TRANSPARENT`) and tentative, since each episode is its
    /// own event once planned.
    private static func slot(of show: Show, rule: RecurrenceRule, from first: Episode, into calendar: inout ICalendar, languages: [Language]) {
        // A changed slot raises the show's version, so clients replace what they hold.
        calendar.beginEvent(uid: "\(show.id.text)@\(uidDomain)", createdAt: show.createdAt, updatedAt: show.updatedAt, version: show.version)
        calendar.bishkekTime("DTSTART", first.details.startsAt)
        calendar.bishkekTime("DTEND", first.details.endsAt)
        calendar.raw("RRULE", rule.text)
        calendar.text("SUMMARY", show.details.title.text(preferring: languages))
        if let description = show.details.description { calendar.text("DESCRIPTION", description.text(preferring: languages)) }
        calendar.text("CATEGORIES", show.details.format.rawValue)
        calendar.raw("STATUS", "TENTATIVE")
        calendar.raw("TRANSP", "TRANSPARENT")
        calendar.raw("CLASS", "PUBLIC")
        calendar.raw("END", "VEVENT")
    }

    private static func event(_ episode: Episode, of show: Show, into calendar: inout ICalendar, languages: [Language]) {
        let details = episode.details
        calendar.beginEvent(
            uid: "\(episode.id.text)@\(uidDomain)", createdAt: episode.createdAt, updatedAt: episode.updatedAt, version: episode.version)
        calendar.bishkekTime("DTSTART", details.startsAt)
        calendar.bishkekTime("DTEND", details.endsAt)
        calendar.text("SUMMARY", show.details.title.text(preferring: languages) + ": " + details.theme.text(preferring: languages))
        if let reason = episode.cancellationReason { calendar.text("DESCRIPTION", reason) }
        if let link = episode.status == .published ? details.replayUrl : details.streamUrl { calendar.uri("URL", link) }
        calendar.text("CATEGORIES", show.details.format.rawValue)
        calendar.raw("STATUS", status(of: episode.status))
        calendar.raw("CLASS", "PUBLIC")
        calendar.raw("END", "VEVENT")
    }

    /// RFC 5545's status: a rescheduled episode is tentative until it is announced again at its new start.
    static func status(of status: EpisodeStatus) -> String {
        switch status {
        case .cancelled: "CANCELLED"
        case .rescheduled, .planned: "TENTATIVE"
        case .announced, .intakeOpen, .live, .ended, .published: "CONFIRMED"
        }
    }
}
