import Foundation

extension ICalendar {
    /// The parameter of every local time the platform writes: its times are Bishkek's.
    public static let bishkekZone = "TZID=\(BishkekTime.zoneIdentifier)"

    /// A feed published in Bishkek time: VCALENDAR opened with `productID` and the display `name`, and the
    /// Asia/Bishkek VTIMEZONE its times refer to. The caller adds its components and then `END:VCALENDAR`.
    public static func publishedFeed(productID: String, name: String) -> ICalendar {
        var calendar = ICalendar()
        calendar.raw("BEGIN", "VCALENDAR")
        calendar.raw("VERSION", "2.0")
        calendar.raw("PRODID", productID)
        calendar.raw("CALSCALE", "GREGORIAN")
        calendar.raw("METHOD", "PUBLISH")
        calendar.text("X-WR-CALNAME", name)
        calendar.raw("X-WR-TIMEZONE", BishkekTime.zoneIdentifier)
        // Asia/Bishkek: UTC+6 all year, without daylight saving since 2005.
        calendar.raw("BEGIN", "VTIMEZONE")
        calendar.raw("TZID", BishkekTime.zoneIdentifier)
        calendar.raw("BEGIN", "STANDARD")
        calendar.raw("DTSTART", "19700101T000000")
        calendar.raw("TZOFFSETFROM", "+0600")
        calendar.raw("TZOFFSETTO", "+0600")
        calendar.raw("TZNAME", "+06")
        calendar.raw("END", "STANDARD")
        calendar.raw("END", "VTIMEZONE")
        return calendar
    }

    /// Opens a VEVENT with what lets a client replace the copy it holds: the stable UID, the record's times
    /// and a `SEQUENCE` raised with every change (`version` counts from 1).
    public mutating func beginEvent(uid: String, createdAt: Date, updatedAt: Date, version: Int) {
        raw("BEGIN", "VEVENT")
        raw("UID", uid)
        raw("DTSTAMP", Self.utc(updatedAt))
        raw("CREATED", Self.utc(createdAt))
        raw("LAST-MODIFIED", Self.utc(updatedAt))
        raw("SEQUENCE", String(version - 1))
    }

    /// Appends a local time in Bishkek (`DTSTART;TZID=Asia/Bishkek:…`).
    public mutating func bishkekTime(_ name: String, _ date: Date) {
        raw(name + ";" + Self.bishkekZone, Self.bishkek(date))
    }

    /// Appends a URI property: a URI, not TEXT, so written as given, less any control character (the links the
    /// services take are validated as http or https).
    public mutating func uri(_ name: String, _ value: String) {
        raw(name, String(value.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }))
    }
}
