import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// Open311 GeoReport v2 for partners: the categories as services, published appeals as requests (read),
/// and intake of new appeals from partner systems with an API key. JSON only.
struct Open311Routes {
    let submissions: SubmissionRoutes
    let thesaurus: ThesaurusRepository
    let publications: PublicationRepository
    let records: CaseRecordRepository

    func register(on router: ServiceRouter) {
        router.get("/open311/v2/services.json", use: services)
        router.get("/open311/v2/requests.json", use: requests)
        router.get("/open311/v2/requests/{file}", use: request)
        router.post("/open311/v2/requests.json", use: create)
    }

    /// One Open311 service: an appeal category.
    struct Service: Encodable {
        let service_code: String
        let service_name: String
        let description: String?
        let metadata = false
        let type = "realtime"
        let keywords: String?
        let group = "human_rights"
    }

    @Sendable func services(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let languages = Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage])
        let services = try await thesaurus.entries(.categories).map {
            Service(service_code: $0.code, service_name: $0.name.text(preferring: languages + [.english]), description: nil, keywords: nil)
        }
        return try .json(services)
    }

    /// One Open311 request: a published appeal, in its public form only.
    struct ServiceRequest: Encodable {
        let service_request_id: String
        let status: String
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

    @Sendable func requests(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        let page = try await publications.list(page: try request.pageRequest())
        let languages = Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage]) + [.english]
        let names = try await categoryNames(languages)
        let agencies = try await records.latestReferredBodies(for: page.items.map(\.appealID))
        var items = page.items.map { serviceRequest($0, agency: agencies[$0.appealID], names: names, languages: languages) }
        if let code = query["service_code"] { items = items.filter { $0.service_code == code } }
        if let status = query["status"] { items = items.filter { $0.status == status } }
        return try .json(items)
    }

    @Sendable func request(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let file = context.parameters.get("file"), file.hasSuffix(".json"),
              let id = UUID(uuidString: String(file.dropLast(".json".count))), let published = try await publications.find(publicID: id)
        else { throw ServiceError.notFound("published request") }
        let languages = Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage]) + [.english]
        let agency = try await records.latestReferredBodies(for: [published.appealID])[published.appealID]
        return try .json([serviceRequest(published, agency: agency, names: try await categoryNames(languages), languages: languages)])
    }

    private func categoryNames(_ languages: [Language]) async throws -> [String: String] {
        Dictionary(uniqueKeysWithValues: try await thesaurus.entries(.categories, includeRetired: true).map { ($0.code, $0.name.text(preferring: languages)) })
    }

    private func serviceRequest(
        _ published: PublicationRepository.PublishedAppeal, agency: String?, names: [String: String], languages: [Language]
    ) -> ServiceRequest {
        let region = published.regionCode.name.text(preferring: languages)
        // Open311 wants timestamps; the public copy has only its day of publication, so both are that day's start.
        let publishedOn = PublicationRepository.start(of: published.publishedOn)
        return ServiceRequest(
            service_request_id: published.id.uuidString.lowercased(),
            status: published.status.isOpen ? "open" : "closed",
            status_notes: nil,
            service_name: names[published.categoryCode],
            service_code: published.categoryCode,
            description: String(published.summary.text(preferring: languages).prefix(4000)),
            agency_responsible: agency,
            service_notice: nil,
            requested_datetime: publishedOn ?? Date(timeIntervalSince1970: 0),
            updated_datetime: publishedOn,
            expected_datetime: nil,
            address: [published.locality, region].compactMap { $0 }.joined(separator: ", "),
            lat: nil,
            long: nil
        )
    }

    /// An Open311 POST: form fields as the standard names them, plus `region_code` (ISO 3166-2:KG),
    /// which the standard lacks and an appeal needs.
    struct Intake: Decodable {
        let service_code: String
        let description: String
        let region_code: String?
        let address_string: String?
        let first_name: String?
        let last_name: String?
        let email: String?
        let phone: String?
    }

    @Sendable func create(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard case .principal(let principal) = context.identity, principal.isAPIKey else {
            throw ServiceError(.unauthorized, code: "api_key_required", detail: "Open311 intake needs a partner API key (X-API-Key).")
        }
        // Its own type, as the standard names it; texts are then bounded like every appeal's (`create`).
        guard request.headers[.contentType]?.prefix(while: { $0 != ";" }).lowercased() == "application/x-www-form-urlencoded" else {
            throw ServiceError.unsupportedMediaType(expected: "application/x-www-form-urlencoded")
        }
        var request = request
        let body = String(buffer: try await request.collectBody(context: context))
        guard !body.contains("%00") else { throw ServiceError.nulCharacter(in: "The request body") }
        let intake: Intake
        do {
            intake = try URLEncodedFormDecoder().decode(Intake.self, from: body)
        } catch {
            throw ServiceError.validationFailed(["body": "send application/x-www-form-urlencoded fields: service_code, description, region_code, and optionally address_string, first_name, last_name, email, phone"])
        }
        guard let regionCode = intake.region_code.flatMap(Region.init(rawValue:)) else {
            throw ServiceError.validationFailed(["region_code": "must be an ISO 3166-2:KG code such as KG-C"])
        }
        let name = [intake.first_name, intake.last_name].compactMap { $0?.nilIfBlank }.joined(separator: " ").nilIfBlank
        let hasSubmitter = name != nil || intake.email != nil || intake.phone != nil
        let appeal = SubmissionRoutes.NewAppeal(
            channel: .partner, regionCode: regionCode, locality: intake.address_string, categoryCode: intake.service_code,
            language: .russian, description: intake.description,
            submitter: hasSubmitter ? Submitter(name: name, phone: intake.phone, email: intake.email) : nil,
            // Open311 has no consent fields: contact only if details were given; never publication.
            consent: .init(contact: intake.email != nil || intake.phone != nil, publication: false)
        )
        let receipt = try await submissions.create(appeal, submittedBy: principal)
        struct Created: Encodable {
            let service_request_id: String
            let service_notice: String
            let account_id: String?
            let tracking_code: String
        }
        return try .json([Created(
            service_request_id: receipt.id.uuidString.lowercased(),
            service_notice: "Received; the appellant can follow it with the tracking code.",
            account_id: nil, tracking_code: receipt.trackingCode
        )], status: .created)
    }
}
