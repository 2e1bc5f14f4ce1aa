/// A bound on a free-text field, in UTF-8 bytes: what it costs to store, send and show.
///
/// Counting `Character`s is not a bound: one character can carry any number of combining marks, so an
/// 8,000-character text once weighed 968 KB. A field is refused when its UTF-8 form is over ``maxBytes``
/// or when one of its characters carries more than ``maxCombiningMarksPerCharacter`` combining marks
/// (which no language needs, and which smear text over its neighbours on screen).
public struct TextLimit: Sendable {
    /// The most combining marks (Unicode categories Mn, Mc, Me, variation selectors included) one
    /// character may carry: Vietnamese needs two, a keycap emoji two.
    public static let maxCombiningMarksPerCharacter = 4

    /// The most UTF-8 bytes the field may hold. Cyrillic letters take 2, Latin letters 1.
    public let maxBytes: Int
    /// The most Unicode code points the field may hold, when the limit is stated in characters: what JSON
    /// Schema's `maxLength` counts, so an OpenAPI document can state the limit exactly.
    public let maxCharacters: Int?
    /// Whether the field must hold something other than white space.
    public let isRequired: Bool

    /// A limit of `maxBytes` UTF-8 bytes; `required` fields must not be blank.
    public init(maxBytes: Int, required: Bool = false) {
        self.maxBytes = maxBytes
        self.maxCharacters = nil
        self.isRequired = required
    }

    /// A limit of `maxCharacters` code points (so at most four times as many bytes), for short names whose
    /// documents say `maxLength`; `required` fields must not be blank.
    public init(maxCharacters: Int, required: Bool = false) {
        self.maxBytes = 4 * maxCharacters
        self.maxCharacters = maxCharacters
        self.isRequired = required
    }

    /// What is wrong with `text`, worded as a field error, or `nil` when it is within the limit.
    public func problem(with text: String) -> String? {
        if isRequired, text.allSatisfy(\.isWhitespace) { return "must not be blank" }
        if let maxCharacters, text.unicodeScalars.count > maxCharacters { return sizeRule }
        if text.utf8.count > maxBytes { return sizeRule }
        let isOverMarked = text.contains { character in
            character.unicodeScalars.count > Self.maxCombiningMarksPerCharacter
                && character.unicodeScalars.lazy.filter(\.isCombiningMark).count > Self.maxCombiningMarksPerCharacter
        }
        if isOverMarked { return "must not have more than \(Self.maxCombiningMarksPerCharacter) combining marks on one character" }
        return nil
    }

    /// The size rule in words, for messages and the OpenAPI document.
    public var sizeRule: String {
        if let maxCharacters { return "must be at most \(maxCharacters) characters" }
        return "must be at most \(maxBytes) bytes in UTF-8 (a Cyrillic letter takes 2 bytes, a Latin letter 1)"
    }
}

extension Unicode.Scalar {
    var isCombiningMark: Bool {
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: true
        default: false
        }
    }
}
