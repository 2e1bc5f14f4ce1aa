import Foundation
import Models
import Web

/// The form of `/organizations/new`: the fields as the person typed them, read into the organisation
/// ``OrganizationWorkflow`` creates, and the rules' field errors said back next to the fields.
struct OrganizationForm {
    /// A place on the form a message can stand next to. The raw values are the workflow's field paths.
    enum Field: String, CaseIterable {
        case type
        /// The names as a whole: none was given.
        case name
        case nameKy = "name.ky"
        case nameRu = "name.ru"
        case nameEn = "name.en"
        case regionCode

        /// The input's name and the key of its values in the template (no dots: Mustache reads them as paths).
        var inputName: String { rawValue.replacingOccurrences(of: ".", with: "_") }

        /// The catalogue key of the message shown next to the field.
        var messageKey: String {
            switch self {
            case .type: "organization_error_type"
            case .name: "organization_error_name"
            case .nameKy, .nameRu, .nameEn: "organization_error_name_length"
            case .regionCode: "organization_error_region"
            }
        }
    }

    /// What was typed or chosen, by field; the names by language.
    private(set) var values: [Field: String] = [:]

    init() {}

    init(_ fields: FormFields) {
        for field in [Field.type, .nameKy, .nameRu, .nameEn, .regionCode] {
            values[field] = fields.trimmed(field.inputName)
        }
    }

    /// The organisation this form asks for, and the fields that could not be read at all (a kind or a region
    /// that is not one of the choices, no name in any language). Without a type or name there is none.
    func input() -> (organization: NewOrganization?, unreadable: Set<Field>) {
        var unreadable = Set<Field>()
        let type = values[.type].flatMap(Organization.Kind.init(rawValue:))
        if type == nil { unreadable.insert(.type) }
        let name = try? LocalizedText(ky: values[.nameKy], ru: values[.nameRu], en: values[.nameEn])
        if name == nil { unreadable.insert(.name) }
        var region: Region?
        if let code = values[.regionCode] {
            region = Region(rawValue: code)
            if region == nil { unreadable.insert(.regionCode) }
        }
        guard let type, let name else { return (nil, unreadable) }
        return (NewOrganization(type: type, name: name, regionCode: region), unreadable)
    }

    /// The fields named by a workflow error's field paths.
    static func fields(of messages: [String: String]) -> Set<Field> {
        Set(messages.keys.compactMap(Field.init(rawValue:)))
    }
}
