/// One of the nine first-level divisions of Kyrgyzstan (ISO 3166-2:KG): seven oblasts and two cities.
public enum Region: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case batken = "KG-B"
    case chuy = "KG-C"
    case jalalAbad = "KG-J"
    case naryn = "KG-N"
    case osh = "KG-O"
    case talas = "KG-T"
    case issykKul = "KG-Y"
    case bishkek = "KG-GB"
    case oshCity = "KG-GO"

    /// The ISO 3166-2 code, e.g. `KG-C`.
    public var code: String { rawValue }

    /// The region's name in Kyrgyz, Russian and English, as in the design's reference table.
    public var name: LocalizedText {
        // The literals are complete, so construction cannot fail.
        let names: (ky: String, ru: String, en: String) =
            switch self {
            case .batken: ("Баткен облусу", "Баткенская область", "Batken Region")
            case .chuy: ("Чүй облусу", "Чуйская область", "Chüy Region")
            case .jalalAbad: ("Жалал-Абад облусу", "Джалал-Абадская область", "Jalal-Abad Region")
            case .naryn: ("Нарын облусу", "Нарынская область", "Naryn Region")
            case .osh: ("Ош облусу", "Ошская область", "Osh Region")
            case .talas: ("Талас облусу", "Таласская область", "Talas Region")
            case .issykKul: ("Ысык-Көл облусу", "Иссык-Кульская область", "Issyk-Kul Region")
            case .bishkek: ("Бишкек шаары", "Бишкек", "Bishkek")
            case .oshCity: ("Ош шаары", "Ош", "Osh (city)")
            }
        return try! LocalizedText(ky: names.ky, ru: names.ru, en: names.en)
    }

    /// Whether this is one of the seven oblasts (as opposed to a city of republican status).
    public var isOblast: Bool { self != .bishkek && self != .oshCity }
}
