import Foundation
import Models
import ServiceKit

extension EventDetails {
    /// The URL schemes an online link may use.
    static let onlineURLSchemes: Set<String> = ["https", "http"]

    /// Every problem with the details, field by field: sizes, the time span, and what the format needs.
    func validate() throws {
        var errors = FieldErrors()
        errors.check(languagesOf: title, EventLimits.title, field: "title")
        errors.check(languagesOf: description, EventLimits.description, field: "description")
        errors.require(endsAt > startsAt, field: "endsAt", "must be after startsAt")
        errors.require(
            endsAt.timeIntervalSince(startsAt) <= TimeInterval(EventLimits.maxEventDays) * 86_400,
            field: "endsAt", "must be at most \(EventLimits.maxEventDays) days after startsAt")
        if let venue {
            errors.check(venue.locality, EventLimits.locality, field: "venue.locality")
            errors.check(venue.address, EventLimits.address, field: "venue.address")
            errors.check(venue.accessibilityNotes, EventLimits.accessibilityNotes, field: "venue.accessibilityNotes")
        }
        errors.require(!format.hasVenue || venue != nil, field: "venue", "is required for \(format.rawValue) events: at least its regionCode")
        if let onlineUrl {
            errors.require(
                EventLimits.onlineURL.problem(with: onlineUrl) == nil && Self.isWebLink(onlineUrl),
                field: "onlineUrl", "must be an https:// or http:// link of at most \(EventLimits.onlineURL.maxBytes) bytes")
        }
        errors.require(!format.hasOnlineLink || onlineUrl != nil, field: "onlineUrl", "is required for \(format.rawValue) events")
        errors.checkCount(coOrganizerIds, in: 0...EventLimits.maxCoOrganizers, field: "coOrganizerIds")
        errors.require(!coOrganizerIds.contains(organizerId), field: "coOrganizerIds", "must not repeat the organizerId")
        let repeats: [(field: String, hasRepeats: Bool)] = [
            ("coOrganizerIds", Set(coOrganizerIds).count != coOrganizerIds.count),
            ("languages", Set(languages).count != languages.count),
            ("interpretation", Set(interpretation).count != interpretation.count),
            ("themes", Set(themes).count != themes.count),
            ("targetGroups", Set(targetGroups).count != targetGroups.count),
        ]
        for (field, hasRepeats) in repeats { errors.require(!hasRepeats, field: field, "must not name an item twice") }
        errors.checkCount(themes, in: 0...EventLimits.maxThemes, field: "themes")
        try errors.throwIfAny()
    }

    /// An absolute `https://` or `http://` URL with a host.
    static func isWebLink(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else { return false }
        return onlineURLSchemes.contains(scheme) && !text.contains(where: \.isWhitespace)
    }
}
