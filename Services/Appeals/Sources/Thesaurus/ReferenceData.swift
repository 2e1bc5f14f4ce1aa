import Models

/// The seeded thesaurus of human-rights areas and of vulnerable groups, in Kyrgyz, Russian and English.
///
/// Seeded by migrations from the platform-wide lists in Models, so every database starts with the same codes; admins and coordinators can add
/// and retire entries later through the API.
enum ReferenceData {
    /// `(code, ky, ru, en)` for each human-rights area appeals are filed under: the platform's rights topics.
    static let categories = RightsTopic.allCases.map { entry($0.rawValue, $0.label) }

    /// `(code, ky, ru, en)` for each vulnerable group an appellant may say they belong to: the platform's list.
    static let vulnerableGroups = VulnerableGroup.allCases.map { entry($0.rawValue, $0.label) }

    private static func entry(_ code: String, _ label: LocalizedText) -> (code: String, ky: String, ru: String, en: String) {
        // The platform's labels have every language.
        (code, label.ky!, label.ru!, label.en!)
    }
}
