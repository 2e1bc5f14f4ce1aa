/// The part a person plays in the programme, one of the platform's disaggregation codes (DESIGN.md §8).
public enum StakeholderType: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case rightHolder = "right_holder"
    case dutyBearer = "duty_bearer"
    case journalist
    case cso
    case publicCouncil = "public_council"
    case ombudsmanStaff = "ombudsman_staff"
    case expert
    case other

    /// The code's label in Kyrgyz, Russian and English.
    public var label: LocalizedText {
        let names: (ky: String, ru: String, en: String) =
            switch self {
            case .rightHolder: ("Укук ээси", "Правообладатель", "Right holder")
            case .dutyBearer: ("Милдет алып жүрүүчү", "Носитель обязанностей", "Duty bearer")
            case .journalist: ("Журналист", "Журналист", "Journalist")
            case .cso: ("Жарандык коом уюму", "Организация гражданского общества", "Civil society organisation")
            case .publicCouncil: ("Коомдук кеңеш", "Общественный совет", "Public council")
            case .ombudsmanStaff: ("Акыйкатчы аппаратынын кызматкери", "Сотрудник аппарата Омбудсмена", "Ombudsman's staff")
            case .expert: ("Эксперт", "Эксперт", "Expert")
            case .other: ("Башка", "Другое", "Other")
            }
        // The literals are complete, so construction cannot fail.
        return try! LocalizedText(ky: names.ky, ru: names.ru, en: names.en)
    }
}
