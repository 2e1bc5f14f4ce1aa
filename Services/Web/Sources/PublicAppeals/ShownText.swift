import Models

/// A text in up to three languages, shown in the page's language when it has one, else in another, marked
/// with its own `lang` so that a screen reader pronounces it right.
struct ShownText {
    /// The text shown.
    let text: String
    /// Its language when it is not the page's, for a `lang` attribute; `nil` when it is the page's.
    let otherLanguage: String?

    init(_ text: LocalizedText, in language: Language) {
        let shown = ([language] + Language.allCases).first { text[$0] != nil } ?? language
        self.text = text[shown] ?? ""
        otherLanguage = shown == language ? nil : shown.rawValue
    }
}
