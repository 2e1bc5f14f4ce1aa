// swift-format-ignore-file: AlwaysUseLowerCamelCase
// Open311 GeoReport v2 names its fields in snake_case; these types carry the spec's names as they are.

import Foundation
import Hummingbird
import Models
import ServiceKit

/// An Open311 POST: form fields as the standard names them, plus the region (ISO 3166-2:KG), which the
/// standard lacks and an appeal needs: as the service attribute `attribute[region_code]` that the
/// service definition declares, or as a plain `region_code` field. The spec's `api_key` field is read
/// by the gateway, which authenticates it; it is not used here.
struct Open311IntakeForm: Decodable {
    let service_code: String
    let description: String
    let region_code: String?
    let attribute: [String: String]?
    let address_string: String?
    let first_name: String?
    let last_name: String?
    let email: String?
    let phone: String?

    /// Decodes an `application/x-www-form-urlencoded` body; 422 naming the fields when it is not one.
    init(_ body: String) throws {
        do {
            self = try URLEncodedFormDecoder().decode(Self.self, from: body)
        } catch {
            throw ServiceError.validationFailed([
                "body":
                    "send application/x-www-form-urlencoded fields: service_code, description, attribute[region_code] (or region_code), and optionally address_string, first_name, last_name, email, phone"
            ])
        }
    }

    /// The appeal the form describes, for ``AppealIntake``, which validates it like every other.
    func newAppeal() throws -> NewAppeal {
        guard let regionCode = (attribute?[Open311Controller.regionField] ?? region_code).flatMap(Region.init(rawValue:)) else {
            throw ServiceError.validationFailed([
                Open311Controller.regionField: "must be an ISO 3166-2:KG code such as KG-C (attribute[region_code] or region_code)"
            ])
        }
        let name = [first_name, last_name].compactMap { $0?.nilIfBlank }.joined(separator: " ").nilIfBlank
        let hasSubmitter = name != nil || email != nil || phone != nil
        return NewAppeal(
            channel: .partner, regionCode: regionCode, locality: address_string, categoryCode: service_code,
            language: .russian, description: description,
            submitter: hasSubmitter ? Submitter(name: name, phone: phone, email: email) : nil,
            // Open311 has no consent fields: contact only if details were given; never publication.
            consent: .init(contact: email != nil || phone != nil, publication: false)
        )
    }
}
