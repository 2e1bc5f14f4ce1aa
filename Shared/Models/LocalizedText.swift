/// A text meant for the public, in up to three languages; at least one must be present.
///
/// Decoding refuses an object with no language, or with an empty string, so a `LocalizedText`
/// value always has something to show.
public struct LocalizedText: Codable, Hashable, Sendable {
    /// Kyrgyz text.
    public private(set) var ky: String?
    /// Russian text.
    public private(set) var ru: String?
    /// English text.
    public private(set) var en: String?

    /// Why a set of translations is not a valid `LocalizedText`.
    public enum ValidationError: Error, Equatable, Sendable {
        /// No language was given.
        case noLanguage
        /// A language was given as an empty or blank string.
        case blank(Language)
    }

    /// Creates a text from its translations; throws when none is present or one is blank.
    public init(ky: String? = nil, ru: String? = nil, en: String? = nil) throws(ValidationError) {
        for (language, text) in [(Language.kyrgyz, ky), (.russian, ru), (.english, en)] {
            if let text, text.allSatisfy(\.isWhitespace) { throw .blank(language) }
        }
        guard ky != nil || ru != nil || en != nil else { throw .noLanguage }
        self.ky = ky
        self.ru = ru
        self.en = en
    }

    /// The translation in the given language, if present.
    public subscript(language: Language) -> String? {
        switch language {
        case .kyrgyz: ky
        case .russian: ru
        case .english: en
        }
    }

    /// The best translation for a reader who prefers `languages` (best first).
    ///
    /// Falls back to Kyrgyz, then Russian, then English, so there is always an answer.
    public func text(preferring languages: [Language]) -> String {
        for language in languages + [.kyrgyz, .russian, .english] {
            if let text = self[language] { return text }
        }
        preconditionFailure("LocalizedText always holds at least one language")
    }

    private enum CodingKeys: String, CodingKey { case ky, ru, en }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                ky: container.decodeIfPresent(String.self, forKey: .ky),
                ru: container.decodeIfPresent(String.self, forKey: .ru),
                en: container.decodeIfPresent(String.self, forKey: .en)
            )
        } catch let error as ValidationError {
            let message =
                switch error {
                case .noLanguage: "at least one of \"ky\", \"ru\" or \"en\" is required"
                case .blank(let language): "\"\(language.rawValue)\" must not be blank"
                }
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: message))
        }
    }
}
