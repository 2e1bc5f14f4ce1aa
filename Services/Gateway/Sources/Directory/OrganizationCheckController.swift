import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Models
import ServiceKit

/// `GET /internal/directory/organizations?ids=…`: which of a few organisation IDs name organisations of the
/// directory, with their type, region and whether they are enabled, for services that refer to organisations
/// (events checks an event's organisers, an invitation's organisation and a recommendation's duty-bearer).
/// Nothing about people: no names of users, no contacts.
///
/// The gateway verifies no identity assertions on its other routes (it authenticates people itself), so this
/// route verifies the calling service's signature on its own, with the keys of `IDENTITY_TRUSTED_SERVICES`, and
/// lets only ``callers`` in. It is registered before the gateway's authentication and per-client rate limits: a
/// service's calls carry no person's credentials, and all of them come from one address.
struct OrganizationCheckController {
    /// The path, under `/internal/`, which the gateway never forwards to a service.
    static let path = "/internal/directory/organizations"
    /// The services that check organisation IDs.
    static let callers: Set<String> = [ServiceCatalog.eventsAndHearings.name]
    /// The most IDs one call asks about: an event's organiser and its co-organisers fit (1 + 20).
    static let maxIDs = 50

    let organizations: OrganizationRepository
    let verifier: IdentityVerifier

    /// Reads the directory through `organizations`, trusting the calling services' keys of `settings`.
    init(organizations: OrganizationRepository, settings: ServiceSettings) async {
        self.organizations = organizations
        // The gateway's own key stands in for "the gateway": an assertion it signed would name a person, never a service.
        verifier = await IdentityVerifier(
            audience: ServiceCatalog.gateway.name, gatewayKey: settings.signingKey.publicKey, serviceKeys: settings.trustedServiceKeys)
    }

    func register(on router: ServiceRouter) {
        router.group(RouterPath(Self.path)).add(middleware: NoStoreMiddleware()).get(use: check)
    }

    /// One organisation as the calling service may know it.
    struct Entry: Codable, Sendable {
        let id: UUID
        let type: Organization.Kind
        let regionCode: Region?
        let isEnabled: Bool
    }

    /// The answer: the organisations among the IDs asked about; an ID that names none is left out.
    struct Answer: ResponseEncodable {
        let items: [Entry]
    }

    @Sendable func check(_ request: Request, context: ServiceRequestContext) async throws -> Answer {
        try requireCaller(request, context: context)
        let ids = try Self.ids(request.uri.queryParameters.get("ids"))
        let found = try await organizations.find(ids)
        return Answer(
            items: ids.compactMap { found[$0] }.map { Entry(id: $0.id, type: $0.type, regionCode: $0.regionCode, isEnabled: !$0.isDisabled) })
    }

    /// 401 without a valid assertion signed by a trusted service for the gateway, 403 for a service not named.
    private func requireCaller(_ request: Request, context: ServiceRequestContext) throws {
        guard let token = request.headers[HTTPField.Name(IdentityAssertion.headerName)!] else { throw ServiceError.identityMissing }
        let identity: Identity
        do {
            identity = try verifier.verify(token).identity
        } catch {
            context.logger.notice("refused identity assertion", metadata: ["reason": "\(error)"])
            throw ServiceError.identityInvalid
        }
        guard case .service(let name) = identity, Self.callers.contains(name) else { throw ServiceError.callerNotAllowed }
    }

    /// The comma-separated IDs of `text`: 1 to ``maxIDs`` UUIDs, repeats counted once.
    static func ids(_ text: String?) throws -> [UUID] {
        let parts = (text ?? "").split(separator: ",", omittingEmptySubsequences: false)
        guard let text, !text.isEmpty, parts.count <= maxIDs else {
            throw ServiceError.invalidQuery("ids", "must list 1 to \(maxIDs) organisation IDs, separated by commas")
        }
        var ids: [UUID] = []
        for part in parts {
            guard let id = UUID(uuidString: part.trimmingCharacters(in: .whitespaces)) else {
                throw ServiceError.invalidQuery("ids", "must be organisation IDs (UUIDs), separated by commas")
            }
            if !ids.contains(id) { ids.append(id) }
        }
        return ids
    }
}
