import ServiceKit

/// The size of every free-text field and list an event accepts: texts in UTF-8 bytes (``TextLimit``), lists
/// in items. The OpenAPI document states the same numbers.
enum EventLimits {
    /// One language of an event's title.
    static let title = TextLimit(maxBytes: 400)
    /// One language of an event's description.
    static let description = TextLimit(maxBytes: 16_000)
    /// The town or village of the venue.
    static let locality = TextLimit(maxBytes: 400)
    /// The venue's address.
    static let address = TextLimit(maxBytes: 1_000)
    /// What a person with a disability should know about getting in and taking part.
    static let accessibilityNotes = TextLimit(maxBytes: 2_000)
    /// The link online participants follow (`https://` or `http://`).
    static let onlineURL = TextLimit(maxBytes: 2_000)
    /// Why an event was cancelled.
    static let cancellationReason = TextLimit(maxBytes: 2_000, required: true)
    /// A note on a transition.
    static let note = TextLimit(maxBytes: 4_000)
    /// One language of an agenda item's title.
    static let agendaTitle = TextLimit(maxBytes: 400)
    /// One speaker on an agenda item, as the public should read their name and office.
    static let speaker = TextLimit(maxBytes: 400, required: true)

    /// The most co-organising organisations.
    static let maxCoOrganizers = 20
    /// The most themes (rights topics) and target groups: each list holds its vocabulary at most once.
    static let maxThemes = 10
    /// The most agenda items one event holds.
    static let maxAgendaItems = 50
    /// The most speakers on one agenda item.
    static let maxSpeakers = 20
    /// The longest agenda item, in minutes: a day.
    static let agendaMinutes = 1...1_440
    /// The longest event, in days (a forum or a conference runs several days; a longer span is a mistake).
    static let maxEventDays = 31
}
