import ServiceKit

/// The size of every field and list of an answer: texts in UTF-8 bytes (``TextLimit``), lists in items.
/// The OpenAPI document states the same numbers.
enum AnswerLimits {
    /// A timecode in the recording, in seconds: the longest episode (``BroadcastLimits/durationMinutes``)
    /// with as long again for a recording that runs over.
    static let timecode = 0...(2 * BroadcastLimits.durationMinutes.upperBound * 60)
    /// One language of the summary; appeals keeps it as a response, whose limit is larger.
    static let summary = TextLimit(maxBytes: 8_000, required: true)
    /// A law's name.
    static let law = TextLimit(maxBytes: 400, required: true)
    /// An article (`12`, `12(3)`, `Art. 5, part 2`).
    static let article = TextLimit(maxBytes: 100, required: true)
    /// Who follows an answer up.
    static let followUpOwner = TextLimit(maxBytes: 400)
    /// A note on a review step; required when sending back.
    static let note = TextLimit(maxBytes: 4_000)

    /// The most legal references one answer cites.
    static let maxLegalReferences = 20
    /// The most answers one episode's log holds: every question of a long show, with room to spare.
    static let maxAnswersPerEpisode = 500
}
