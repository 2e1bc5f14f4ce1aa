/// The bounds on attendance a client can send or ask for at once. The OpenAPI document states the same numbers.
enum AttendanceLimits {
    /// The largest paper sheet accepted, in bytes: a few thousand lines of codes.
    static let maxSheetBytes = 64 << 10
    /// The most rows one sheet holds.
    static let maxSheetRows = 2_000
    /// The most registrations one export holds: every registration an event of the largest capacity, its
    /// waitlist and its walk-ins can have, with room to spare.
    static let maxExportRows = 250_000
    /// The most names the public list of attendees shows.
    static let maxListedAttendees = 1_000
}
