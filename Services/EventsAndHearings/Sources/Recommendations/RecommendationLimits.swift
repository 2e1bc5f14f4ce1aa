import ServiceKit

/// The size of everything a recommendation accepts. The OpenAPI document states the same numbers.
enum RecommendationLimits {
    /// One language of a recommendation's text.
    static let text = TextLimit(maxBytes: 4_000)
    /// A note given as evidence.
    static let evidenceNote = TextLimit(maxBytes: 4_000, required: true)
    /// A link given as evidence.
    static let evidenceLink = TextLimit(maxBytes: 2_000, required: true)
    /// A note on a change.
    static let note = TextLimit(maxBytes: 4_000)
    /// The most recommendations one event makes.
    static let maxPerEvent = 100
    /// A progress percentage.
    static let progress = 0...100
}
