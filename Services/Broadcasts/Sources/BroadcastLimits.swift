import ServiceKit

/// The size of every free-text field and list a show, an episode and a guest accept: texts in UTF-8 bytes
/// (``TextLimit``), lists in items. The OpenAPI document states the same numbers.
enum BroadcastLimits {
    /// One language of a show's title.
    static let showTitle = TextLimit(maxBytes: 400)
    /// One language of a show's description.
    static let showDescription = TextLimit(maxBytes: 8_000)
    /// One language of an episode's theme.
    static let theme = TextLimit(maxBytes: 1_000)
    /// A stream or replay link (`https://` or `http://`).
    static let link = TextLimit(maxBytes: 2_000)
    /// The subject (account ID) of an episode's producer or moderator.
    static let staffSubject = TextLimit(maxBytes: 200)
    /// Why an episode was cancelled.
    static let cancellationReason = TextLimit(maxBytes: 2_000, required: true)
    /// A note on a transition.
    static let note = TextLimit(maxBytes: 4_000)
    /// A guest's name and office as the audience should read them.
    static let guestName = TextLimit(maxBytes: 400, required: true)

    /// The most partner outlets one show names.
    static let maxPartnerOutlets = 20
    /// The most guests on one episode.
    static let maxGuests = 30
    /// The most rights topics one guest is an expert in: each at most once.
    static let maxExpertise = 10
    /// How long an episode may run, in minutes: a marathon broadcast runs a working day, not longer.
    static let durationMinutes = 5...480
}
