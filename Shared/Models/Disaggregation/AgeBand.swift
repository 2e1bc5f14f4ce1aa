/// An age band, one of the platform's disaggregation codes (DESIGN.md §8).
public enum AgeBand: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case under18 = "under_18"
    case from18To29 = "18_29"
    case from30To44 = "30_44"
    case from45To59 = "45_59"
    case over60 = "60_plus"

    /// The code's label in Kyrgyz, Russian and English.
    public var label: LocalizedText {
        let names: (ky: String, ru: String, en: String) =
            switch self {
            case .under18: ("18 жашка чейин", "До 18 лет", "Under 18")
            case .from18To29: ("18–29 жаш", "18–29 лет", "18–29")
            case .from30To44: ("30–44 жаш", "30–44 лет", "30–44")
            case .from45To59: ("45–59 жаш", "45–59 лет", "45–59")
            case .over60: ("60 жаш жана андан улуу", "60 лет и старше", "60 and over")
            }
        // The literals are complete, so construction cannot fail.
        return try! LocalizedText(ky: names.ky, ru: names.ru, en: names.en)
    }
}
