import ServiceKit

/// The size of everything a registration accepts, and the bounds on what a client can ask for at once. The
/// OpenAPI document states the same numbers.
enum RegistrationLimits {
    /// A participant's name as they want it on the list.
    static let name = TextLimit(maxBytes: 400)
    /// A phone number: digits, spaces and `+()-` only, so bytes are characters.
    static let phone = TextLimit(maxBytes: 40)
    /// An email address: RFC 5321 bounds a path to 254 octets.
    static let email = TextLimit(maxBytes: 254)
    /// The characters a phone number may hold.
    static let phoneCharacters = "+0123456789 ()-"
    /// The most vulnerable groups one participant names: each of the vocabulary's at most once.
    static let maxVulnerableGroups = 12
    /// The largest capacity an event may set; 0 means unlimited.
    static let capacity = 0...100_000
    /// A registration code's length: 8 characters of Crockford base32 (40 bits), `ABCD-EFGH`.
    static let codeLength = 8
    /// How many new codes registration draws before giving up on finding one no registration has.
    static let codeAttempts = 5
    /// The longest text accepted where a registration code is typed (a code with separators and spaces).
    static let typedCode = TextLimit(maxBytes: 40, required: true)
}
