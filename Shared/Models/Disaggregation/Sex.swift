/// A person's sex as they chose to state it, one of the platform's disaggregation codes (DESIGN.md §8).
///
/// Optional and consented wherever it is asked; `undisclosed` is an answer, not a missing one.
public enum Sex: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case female
    case male
    case other
    case undisclosed

    /// The code's label in Kyrgyz, Russian and English.
    public var label: LocalizedText {
        let names: (ky: String, ru: String, en: String) =
            switch self {
            case .female: ("Аял", "Женский", "Female")
            case .male: ("Эркек", "Мужской", "Male")
            case .other: ("Башка", "Другое", "Other")
            case .undisclosed: ("Айтылган жок", "Не указано", "Undisclosed")
            }
        // The literals are complete, so construction cannot fail.
        return try! LocalizedText(ky: names.ky, ru: names.ru, en: names.en)
    }
}
