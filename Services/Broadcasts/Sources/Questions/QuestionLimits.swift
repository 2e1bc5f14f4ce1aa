import ServiceKit

/// The size of everything a question accepts, and the bounds on what one client may do. The OpenAPI
/// document states the same numbers.
extension BroadcastLimits {
    /// A question as sent, and as the moderator edits it for the audience.
    static let questionText = TextLimit(maxBytes: 4_000, required: true)
    /// The asker's name as they want it read.
    static let askerName = TextLimit(maxBytes: 400)
    /// A phone number: digits, spaces and `+()-` only, so bytes are characters.
    static let askerPhone = TextLimit(maxBytes: 40)
    /// An email address: RFC 5321 bounds a path to 254 octets.
    static let askerEmail = TextLimit(maxBytes: 254)
    /// The characters a phone number may hold.
    static let phoneCharacters = "+0123456789 ()-"
    /// Why a question was rejected.
    static let rejectionReason = TextLimit(maxBytes: 2_000, required: true)
    /// A receipt code: 10 characters of Crockford base32 (50 bits), `ABCD-EFGH-JK`.
    static let receiptCodeLength = 10
    /// The longest text accepted where a receipt code is typed (a code with separators and spaces).
    static let typedReceiptCode = TextLimit(maxBytes: 40, required: true)
    /// How many new codes intake draws before giving up on finding one no question has.
    static let receiptCodeAttempts = 5
    /// The moderator's queue positions.
    static let queuePosition = 0...100_000
    /// The most questions one episode takes.
    static let maxQuestionsPerEpisode = 20_000
    /// Upvotes one client may send in a minute (repeats included).
    static let upvotesPerClientPerMinute = 30
}
