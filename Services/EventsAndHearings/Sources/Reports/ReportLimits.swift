import ServiceKit

/// The size of everything a report accepts: texts in UTF-8 bytes, lists in items, counts in people. The
/// OpenAPI document states the same numbers.
enum ReportLimits {
    /// One language of the minutes.
    static let minutes = TextLimit(maxBytes: 64_000)
    /// One language of one issue raised.
    static let issue = TextLimit(maxBytes: 2_000)
    /// A note on a report's transition.
    static let note = TextLimit(maxBytes: 4_000)
    /// The most issues one report lists.
    static let maxIssues = 50
    /// The most appeals one report names.
    static let maxRelatedAppeals = 100
    /// The most attendees one event reports (the largest forum is far smaller; a bigger number is a typo).
    static let attendees = 0...100_000
}
