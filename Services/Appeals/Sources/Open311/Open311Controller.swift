import Foundation
import HTTPTypes
import Hummingbird
import Models
import ServiceKit

/// Open311 GeoReport v2 for partners: the categories as services, published appeals as requests (read),
/// and intake of new appeals from partner systems with an API key; in XML (which the standard requires)
/// and JSON, chosen by the path's extension, with errors as the standard's error list.
struct Open311Controller {
    /// Every Open311 path starts with this: the discovery document and the `v2` endpoint.
    static let root = "/open311/"
    /// The form field and service attribute that carries the region, which the standard lacks.
    static let regionField = "region_code"

    let intake: AppealIntake
    let thesaurus: ThesaurusRepository
    let publications: PublicationRepository
    let records: CaseRecordRepository

    init(_ components: AppealsComponents) {
        intake = components.intake
        thesaurus = components.thesaurus
        publications = components.publications
        records = components.records
    }

    func register(on router: ServiceRouter) {
        router.add(middleware: Open311ErrorMiddleware())
        for format in Open311Format.allCases {
            router.get("/open311/discovery.\(format.rawValue)") { _, _ in try format.response(Open311Documents.Discovery.current, root: "discovery") }
            router.get("/open311/v2/services.\(format.rawValue)") { request, context in try await services(request, format: format) }
            router.get("/open311/v2/requests.\(format.rawValue)") { request, context in try await requests(request, format: format) }
            router.post("/open311/v2/requests.\(format.rawValue)") { request, context in try await create(request, context: context, format: format) }
        }
        router.get("/open311/v2/services/{file}", use: service)
        router.get("/open311/v2/requests/{file}", use: request)
    }

    typealias Service = Open311Documents.Service
    typealias ServiceRequest = Open311Documents.ServiceRequest

    func services(_ request: Request, format: Open311Format) async throws -> Response {
        let languages = Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage])
        let services = try await thesaurus.entries(.categories).map {
            Service(service_code: $0.code, service_name: $0.name.text(preferring: languages + [.english]), description: nil, keywords: nil)
        }
        return try format.response(services, root: "services")
    }

    /// A service definition (`services/{code}.xml`): the region attribute every intake needs.
    @Sendable func service(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let (code, format) = context.parameters.get("file").flatMap(Open311Format.split),
            try await thesaurus.entries(.categories).contains(where: { $0.code == code })
        else { throw ServiceError.notFound("Open311 service") }
        let languages = Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage]) + [.english]
        let definition = Open311Documents.ServiceDefinition(service_code: code, attributes: [Open311Documents.ServiceDefinition.region(named: languages)])
        return try format.response(definition, root: "service_definition")
    }

    func requests(_ request: Request, format: Open311Format) async throws -> Response {
        let query = request.uri.queryParameters
        let page = try await publications.list(page: try request.pageRequest())
        let languages = Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage]) + [.english]
        let names = try await categoryNames(languages)
        let agencies = try await records.latestReferredBodies(for: page.items.map(\.appealID))
        var items = page.items.map { serviceRequest($0, agency: agencies[$0.appealID], names: names, languages: languages) }
        if let code = query["service_code"] { items = items.filter { $0.service_code == code } }
        if let status = query["status"] { items = items.filter { $0.status.rawValue == status } }
        return try format.response(items, root: "service_requests")
    }

    @Sendable func request(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let (name, format) = context.parameters.get("file").flatMap(Open311Format.split),
            let id = UUID(uuidString: name), let published = try await publications.find(publicID: id)
        else { throw ServiceError.notFound("published request") }
        let languages = Language.preferred(byAcceptLanguage: request.headers[.acceptLanguage]) + [.english]
        let agency = try await records.latestReferredBodies(for: [published.appealID])[published.appealID]
        let item = serviceRequest(published, agency: agency, names: try await categoryNames(languages), languages: languages)
        return try format.response([item], root: "service_requests")
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
            status: Open311Documents.Status(published.status),
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

    func create(_ request: Request, context: ServiceRequestContext, format: Open311Format) async throws -> Response {
        guard case .principal(let principal) = context.identity, principal.isAPIKey else {
            throw ServiceError.apiKeyRequired
        }
        // Its own type, as the standard names it; texts are then bounded like every appeal's (``AppealIntake``).
        guard request.headers[.contentType]?.prefix(while: { $0 != ";" }).lowercased() == "application/x-www-form-urlencoded" else {
            throw ServiceError.unsupportedMediaType(expected: "application/x-www-form-urlencoded")
        }
        var request = request
        let body = String(buffer: try await request.collectBody(context: context))
        guard !body.contains("%00") else { throw ServiceError.nulCharacter(in: "The request body") }
        let receipt = try await intake.submit(try Open311IntakeForm(body).newAppeal(), by: principal)
        let created = Open311Documents.Created(
            service_request_id: receipt.id.uuidString.lowercased(),
            service_notice: "Received; the appellant can follow it with the tracking code.",
            account_id: nil, tracking_code: receipt.trackingCode
        )
        return try format.response([created], root: "service_requests", status: .created)
    }
}
