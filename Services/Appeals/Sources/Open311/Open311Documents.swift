// swift-format-ignore-file: AlwaysUseLowerCamelCase
// Open311 GeoReport v2 names its fields in snake_case; these types carry the spec's names as they are.

import Foundation
import Models

/// GeoReport v2's documents, with the standard's own (snake_case) field names. Each is written as JSON
/// or, field for field, as XML (``Open311XML``).
enum Open311Documents {
    /// One Open311 service: an appeal category.
    struct Service: Encodable {
        let service_code: String
        let service_name: String
        let description: String?
        /// True: every service has an attribute (the region, ``ServiceDefinition``).
        let metadata = true
        let type = "realtime"
        let keywords: String?
        let group = "human_rights"
    }

    /// A service's definition: the attributes an intake takes besides the standard fields. Appeals need the
    /// region, which the standard lacks, so it is the one attribute of every service.
    struct ServiceDefinition: Encodable {
        let service_code: String
        let attributes: [Attribute]

        struct Attribute: Encodable {
            let variable: Bool
            let code: String
            let datatype: String
            let required: Bool
            let datatype_description: String?
            let order: Int?
            let description: String?
            let values: [Value]
        }

        struct Value: Encodable {
            let key: String
            let name: String
        }

        /// The region attribute, with region names in the caller's language.
        static func region(named languages: [Language]) -> Attribute {
            Attribute(
                variable: true, code: Open311Controller.regionField, datatype: "singlevaluelist", required: true,
                datatype_description: "An ISO 3166-2:KG region code, e.g. KG-C; send it as attribute[region_code] or region_code",
                order: 1, description: "The region the appeal is about",
                values: Region.allCases.map { Value(key: $0.code, name: $0.name.text(preferring: languages)) }
            )
        }
    }

    /// A request's status as GeoReport v2 has it: only open or closed.
    enum Status: String, Encodable, CaseIterable, Sendable {
        case open, closed

        init(_ status: AppealStatus) {
            self = status.isOpen ? .open : .closed
        }
    }

    /// One Open311 request: a published appeal, in its public form only.
    struct ServiceRequest: Encodable {
        let service_request_id: String
        let status: Status
        let status_notes: String?
        let service_name: String?
        let service_code: String
        let description: String?
        let agency_responsible: String?
        let service_notice: String?
        let requested_datetime: Date
        let updated_datetime: Date?
        let expected_datetime: Date?
        let address: String?
        let lat: Double?
        let long: Double?
    }

    /// The answer to a POST: the new request's ID and how to follow it.
    struct Created: Encodable {
        let service_request_id: String
        let service_notice: String
        let account_id: String?
        let tracking_code: String
    }

    /// The service discovery document: where the endpoint is and which formats it speaks.
    struct Discovery: Encodable {
        let changeset: Date
        let contact: String
        let key_service: String
        let endpoints: [Endpoint]

        struct Endpoint: Encodable {
            let specification = "http://wiki.open311.org/GeoReport_v2"
            /// Relative to the discovery document's own address: the gateway does not tell services the
            /// public host name, and the endpoint is always beside the document.
            let url = Open311Controller.root + "v2"
            let changeset: Date
            let type = "production"
            let formats = Open311Format.allCases.map { $0.mediaType.prefix { $0 != ";" }.description }
        }

        /// When this endpoint last changed in a way clients notice (the formats, the attributes).
        static let lastChange = Date(timeIntervalSince1970: 1_796_083_200) // 2026-12-01T00:00:00Z

        static let current = Discovery(
            changeset: lastChange, contact: "The platform's administrators",
            key_service: "Partners get an API key with the appeals:write scope from the platform's administrators",
            endpoints: [Endpoint(changeset: lastChange)]
        )
    }
}
