/// The seeded thesaurus of human-rights areas and of vulnerable groups, in Kyrgyz, Russian and English.
///
/// Seeded by migrations so every database starts with the same codes; admins and coordinators can add
/// and retire entries later through the API.
enum ReferenceData {
    /// `(code, ky, ru, en)` for each human-rights area appeals are filed under.
    static let categories: [(code: String, ky: String, ru: String, en: String)] = [
        ("freedom_of_expression", "Сөз эркиндиги", "Свобода выражения мнений", "Freedom of expression"),
        ("access_to_information", "Маалыматка жетүү", "Доступ к информации", "Access to information"),
        ("fair_trial", "Адилет сот жана сот адилеттигине жетүү", "Справедливое судебное разбирательство и доступ к правосудию", "Fair trial and access to justice"),
        ("police_conduct", "Милициянын аракеттери", "Действия полиции", "Police conduct"),
        ("torture", "Кыйноо жана катаал мамиле", "Пытки и жестокое обращение", "Torture and ill-treatment"),
        ("land_property", "Жер жана мүлк", "Земля и собственность", "Land and property"),
        ("labour", "Эмгек укуктары", "Трудовые права", "Labour"),
        ("social_protection", "Социалдык коргоо", "Социальная защита", "Social protection"),
        ("health", "Саламаттык сактоо", "Здравоохранение", "Health"),
        ("education", "Билим берүү", "Образование", "Education"),
        ("discrimination", "Басмырлоо", "Дискриминация", "Discrimination"),
        ("gender_based_violence", "Гендердик жана үй-бүлөлүк зомбулук", "Гендерное и домашнее насилие", "Gender-based and domestic violence"),
        ("disability_rights", "Мүмкүнчүлүгү чектелген адамдардын укуктары", "Права лиц с инвалидностью", "Rights of persons with disabilities"),
        ("children", "Балдардын укуктары", "Права детей", "Children"),
        ("migrants", "Мигранттардын укуктары", "Права мигрантов", "Migrants"),
        ("environment_water", "Айлана-чөйрө жана суу", "Окружающая среда и вода", "Environment and water"),
        ("public_service_corruption", "Мамлекеттик кызматтардагы коррупция", "Коррупция в государственных услугах", "Corruption in public services"),
        ("housing_utilities", "Турак жай жана коммуналдык кызматтар", "Жильё и коммунальные услуги", "Housing and utilities"),
        ("other", "Башка", "Другое", "Other"),
    ]

    /// `(code, ky, ru, en)` for each vulnerable group an appellant may say they belong to.
    static let vulnerableGroups: [(code: String, ky: String, ru: String, en: String)] = [
        ("persons_with_disabilities", "Мүмкүнчүлүгү чектелген адамдар", "Лица с инвалидностью", "Persons with disabilities"),
        ("women", "Аялдар", "Женщины", "Women"),
        ("children_youth", "Балдар жана жаштар", "Дети и молодёжь", "Children and youth"),
        ("older_persons", "Улгайган адамдар", "Пожилые люди", "Older persons"),
        ("ethnic_minorities", "Этникалык азчылыктар", "Этнические меньшинства", "Ethnic minorities"),
        ("religious_minorities", "Диний азчылыктар", "Религиозные меньшинства", "Religious minorities"),
        ("migrants_refugees", "Мигранттар жана качкындар", "Мигранты и беженцы", "Migrants and refugees"),
        ("low_income", "Аз камсыз болгондор", "Малообеспеченные", "Low-income households"),
        ("rural_residents", "Айыл тургундары", "Сельские жители", "Rural residents"),
        ("lgbti", "ЛГБТИ адамдар", "ЛГБТИ-люди", "LGBTI persons"),
        ("persons_deprived_of_liberty", "Эркиндигинен ажыратылган адамдар", "Лица, лишённые свободы", "Persons deprived of liberty"),
        ("journalists_activists", "Журналисттер жана активисттер", "Журналисты и активисты", "Journalists and activists"),
    ]
}
