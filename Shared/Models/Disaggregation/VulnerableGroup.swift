/// A vulnerable group a person may say they belong to: the platform-wide code list (DESIGN.md §8).
///
/// Services store and exchange these codes; appeals seeds its thesaurus from them and accepts no other.
public enum VulnerableGroup: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case personsWithDisabilities = "persons_with_disabilities"
    case women
    case childrenYouth = "children_youth"
    case olderPersons = "older_persons"
    case ethnicMinorities = "ethnic_minorities"
    case religiousMinorities = "religious_minorities"
    case migrantsRefugees = "migrants_refugees"
    case lowIncome = "low_income"
    case ruralResidents = "rural_residents"
    case lgbti
    case personsDeprivedOfLiberty = "persons_deprived_of_liberty"
    case journalistsActivists = "journalists_activists"

    /// The group's name in Kyrgyz, Russian and English.
    public var label: LocalizedText {
        let names: (ky: String, ru: String, en: String) =
            switch self {
            case .personsWithDisabilities: ("Мүмкүнчүлүгү чектелген адамдар", "Лица с инвалидностью", "Persons with disabilities")
            case .women: ("Аялдар", "Женщины", "Women")
            case .childrenYouth: ("Балдар жана жаштар", "Дети и молодёжь", "Children and youth")
            case .olderPersons: ("Улгайган адамдар", "Пожилые люди", "Older persons")
            case .ethnicMinorities: ("Этникалык азчылыктар", "Этнические меньшинства", "Ethnic minorities")
            case .religiousMinorities: ("Диний азчылыктар", "Религиозные меньшинства", "Religious minorities")
            case .migrantsRefugees: ("Мигранттар жана качкындар", "Мигранты и беженцы", "Migrants and refugees")
            case .lowIncome: ("Аз камсыз болгондор", "Малообеспеченные", "Low-income households")
            case .ruralResidents: ("Айыл тургундары", "Сельские жители", "Rural residents")
            case .lgbti: ("ЛГБТИ адамдар", "ЛГБТИ-люди", "LGBTI persons")
            case .personsDeprivedOfLiberty: ("Эркиндигинен ажыратылган адамдар", "Лица, лишённые свободы", "Persons deprived of liberty")
            case .journalistsActivists: ("Журналисттер жана активисттер", "Журналисты и активисты", "Journalists and activists")
            }
        // The literals are complete, so construction cannot fail.
        return try! LocalizedText(ky: names.ky, ru: names.ru, en: names.en)
    }
}
