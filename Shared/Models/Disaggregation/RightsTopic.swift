/// A human-rights area (an appeal's category, an event's or a broadcast's topic): the platform-wide code
/// list (DESIGN.md §8). Appeals seeds its categories from it.
public enum RightsTopic: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case freedomOfExpression = "freedom_of_expression"
    case accessToInformation = "access_to_information"
    case fairTrial = "fair_trial"
    case policeConduct = "police_conduct"
    case torture
    case landProperty = "land_property"
    case labour
    case socialProtection = "social_protection"
    case health
    case education
    case discrimination
    case genderBasedViolence = "gender_based_violence"
    case disabilityRights = "disability_rights"
    case children
    case migrants
    case environmentWater = "environment_water"
    case publicServiceCorruption = "public_service_corruption"
    case housingUtilities = "housing_utilities"
    case other

    /// The topic's name in Kyrgyz, Russian and English.
    public var label: LocalizedText {
        let names: (ky: String, ru: String, en: String) =
            switch self {
            case .freedomOfExpression: ("Сөз эркиндиги", "Свобода выражения мнений", "Freedom of expression")
            case .accessToInformation: ("Маалыматка жетүү", "Доступ к информации", "Access to information")
            case .fairTrial:
                ("Адилет сот жана сот адилеттигине жетүү", "Справедливое судебное разбирательство и доступ к правосудию", "Fair trial and access to justice")
            case .policeConduct: ("Милициянын аракеттери", "Действия полиции", "Police conduct")
            case .torture: ("Кыйноо жана катаал мамиле", "Пытки и жестокое обращение", "Torture and ill-treatment")
            case .landProperty: ("Жер жана мүлк", "Земля и собственность", "Land and property")
            case .labour: ("Эмгек укуктары", "Трудовые права", "Labour")
            case .socialProtection: ("Социалдык коргоо", "Социальная защита", "Social protection")
            case .health: ("Саламаттык сактоо", "Здравоохранение", "Health")
            case .education: ("Билим берүү", "Образование", "Education")
            case .discrimination: ("Басмырлоо", "Дискриминация", "Discrimination")
            case .genderBasedViolence: ("Гендердик жана үй-бүлөлүк зомбулук", "Гендерное и домашнее насилие", "Gender-based and domestic violence")
            case .disabilityRights: ("Мүмкүнчүлүгү чектелген адамдардын укуктары", "Права лиц с инвалидностью", "Rights of persons with disabilities")
            case .children: ("Балдардын укуктары", "Права детей", "Children")
            case .migrants: ("Мигранттардын укуктары", "Права мигрантов", "Migrants")
            case .environmentWater: ("Айлана-чөйрө жана суу", "Окружающая среда и вода", "Environment and water")
            case .publicServiceCorruption: ("Мамлекеттик кызматтардагы коррупция", "Коррупция в государственных услугах", "Corruption in public services")
            case .housingUtilities: ("Турак жай жана коммуналдык кызматтар", "Жильё и коммунальные услуги", "Housing and utilities")
            case .other: ("Башка", "Другое", "Other")
            }
        // The literals are complete, so construction cannot fail.
        return try! LocalizedText(ky: names.ky, ru: names.ru, en: names.en)
    }
}
