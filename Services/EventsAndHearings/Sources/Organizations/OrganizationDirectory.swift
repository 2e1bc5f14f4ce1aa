import Foundation
import Models
import NIOHTTP1
import Persistence
import ServiceKit

/// Where events learns which organisations exist: the gateway's directory. An event's organisers, an
/// invitation's organisation and a recommendation's duty-bearer must name organisations of it that are enabled.
public protocol OrganizationDirectory: Sendable {
    /// The organisations among `ids`, by ID; an ID that names none is left out.
    ///
    /// - Throws: when the directory cannot be asked; the change that asked is refused with a 503.
    func organizations(_ ids: [UUID]) async throws -> [UUID: DirectoryOrganization]
}

/// An organisation as the directory tells other services about it: no names of people, no contacts.
public struct DirectoryOrganization: Codable, Equatable, Sendable {
    public let id: UUID
    /// The directory's kind (`public_council`, `state_body`, …).
    public let type: String
    public let regionCode: Region?
    /// Whether people may still act for it; a disabled organisation is no new event's organiser.
    public let isEnabled: Bool

    /// An organisation `id` of `type` in `regionCode`, enabled or not.
    public init(id: UUID, type: String, regionCode: Region? = nil, isEnabled: Bool = true) {
        self.id = id
        self.type = type
        self.regionCode = regionCode
        self.isEnabled = isEnabled
    }
}

/// Which directory the service asks.
public enum OrganizationSource: Sendable {
    /// The gateway's (`GET /internal/directory/organizations` at `SERVICES_GATEWAY_URL`), as the platform runs.
    case gateway
    /// A directory of the caller's own: tests that run events without a gateway fill one.
    case directory(any OrganizationDirectory)

    /// The directory this source names, calling the gateway with `dependencies`' client.
    func directory(_ dependencies: ServiceDependencies) throws -> any OrganizationDirectory {
        switch self {
        case .gateway:
            // Without the gateway's address every organiser would be refused: stop at start-up instead, naming the setting.
            guard dependencies.settings.serviceURLs[ServiceCatalog.gateway.name] != nil else {
                throw ConfigurationError(
                    setting: "SERVICES_GATEWAY_URL", problem: "is required: events checks organisation IDs against the gateway's directory")
            }
            return GatewayDirectory(client: dependencies.serviceClient)
        case .directory(let directory):
            return directory
        }
    }
}

/// The gateway's directory, asked as this service over `/internal/`.
struct GatewayDirectory: OrganizationDirectory {
    /// The gateway's bound on the IDs one call asks about.
    static let maxIDsPerCall = 50

    let client: ServiceClient

    /// The answer's shape.
    private struct Answer: Decodable {
        let items: [DirectoryOrganization]
    }

    func organizations(_ ids: [UUID]) async throws -> [UUID: DirectoryOrganization] {
        var found: [UUID: DirectoryOrganization] = [:]
        for start in stride(from: 0, to: ids.count, by: Self.maxIDsPerCall) {
            let chunk = ids[start..<min(start + Self.maxIDsPerCall, ids.count)]
            let path = "/internal/directory/organizations?ids=" + chunk.map(\.text).joined(separator: ",")
            let response: ServiceResponse
            do {
                response = try await client.send(.GET, to: ServiceCatalog.gateway.name, path: path)
            } catch {
                throw ServiceError.directoryUnavailable
            }
            guard response.status.code == 200, let answer = try? response.decode(as: Answer.self) else { throw ServiceError.directoryUnavailable }
            for organization in answer.items where chunk.contains(organization.id) { found[organization.id] = organization }
        }
        return found
    }
}
