import ServiceKit

/// The size of every free-text field appeals accept, in UTF-8 bytes (``TextLimit``): twice the characters
/// each field had, so a Kyrgyz or Russian text keeps the length it had, while no text can grow past its
/// bytes through combining marks. The OpenAPI document states the same numbers.
enum AppealTextLimits {
    /// What happened, in the appellant's words.
    static let description = TextLimit(maxBytes: 16_000, required: true)
    /// Where, as the appellant typed it.
    static let locality = TextLimit(maxBytes: 400)
    /// The appellant's name.
    static let submitterName = TextLimit(maxBytes: 400)
    /// A phone number: digits, spaces and `+()-` only, so bytes are characters.
    static let phone = TextLimit(maxBytes: 40)
    /// An email address: RFC 5321 bounds a path to 254 octets.
    static let email = TextLimit(maxBytes: 254)
    /// A category or vulnerable-group code (`^[a-z][a-z0-9_]{1,49}$`).
    static let code = TextLimit(maxBytes: 50, required: true)
    /// Staff notes on a transition, public notes, and the staff summary.
    static let note = TextLimit(maxBytes: 4_000)
    /// A duty-bearer's reply, a response to the appellant, and a fact-check's evidence notes.
    static let caseText = TextLimit(maxBytes: 16_000, required: true)
    /// One source a fact-check consulted.
    static let source = TextLimit(maxBytes: 1_000, required: true)
    /// A response's reference (a letter number, a broadcast).
    static let reference = TextLimit(maxBytes: 1_000)
    /// The name of a body an appeal is referred to.
    static let bodyName = TextLimit(maxBytes: 600, required: true)
    /// Why a deadline was extended.
    static let extensionReason = TextLimit(maxBytes: 2_000, required: true)
    /// A staff user ID named in an assignment.
    static let subject = TextLimit(maxBytes: 100)
    /// One language of a published copy's title.
    static let publicTitle = TextLimit(maxBytes: 400)
    /// One language of a published copy's summary.
    static let publicSummary = TextLimit(maxBytes: 8_000)
    /// One language of a thesaurus entry's name.
    static let entryName = TextLimit(maxBytes: 400, required: true)
}
