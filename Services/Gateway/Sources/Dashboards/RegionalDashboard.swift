import Foundation
import Hummingbird
import Models
import ServiceKit

/// One region of the dashboard in detail (`region` of `GET /api/v1/dashboard?region=KG-N`): every indicator the
/// caller sees, with only that region's figures, by month and by each disaggregation it expects.
struct RegionalDashboard: Encodable, Equatable, Sendable {
    /// The region, ISO 3166-2:KG.
    var regionCode: String
    /// Whether the figures are exact, or counts from 1 to 4 suppressed as on the public dashboard.
    var isExact: Bool
    var indicators: [DashboardIndicator]
}

/// Who sees which region in detail. Staff and stakeholders see any region exactly. A council member is staff
/// for their own council's region: they see it exactly (and get it on `/dashboard` without asking), and are
/// refused any other. Everyone else, the public included, sees a region suppressed, as the public dashboard.
enum RegionalDashboardAccess {
    /// The query parameter naming the region.
    static let parameter = "region"

    /// The region `request` asks for, `nil` when none; a 400 `invalid_query` for a code that is not a region.
    static func requested(in request: Request) throws -> Region? {
        guard let raw = request.uri.queryParameters[Substring(parameter)] else { return nil }
        guard let region = Region(rawValue: String(raw)) else {
            throw ServiceError.invalidQuery(parameter, "region must be one of \(Region.acceptedCodes)")
        }
        return region
    }

    /// The region a caller sees in detail without asking: a council member's own, when their council has one.
    static func ownRegion(of identity: Identity?) -> Region? {
        councilMember(identity)?.organizationRegion
    }

    /// Whether `identity` sees `region` exactly; a council member asking for another region is refused (403).
    static func isExact(_ region: Region, for identity: Identity?) throws(ServiceError) -> Bool {
        if LogframeAccess.seesEverything(identity) { return true }
        guard let member = councilMember(identity) else { return false }
        guard member.organizationRegion == region else { throw .regionNotYours }
        return true
    }

    /// The signed-in council member `identity` is, if it is one (a partner's API key never is).
    private static func councilMember(_ identity: Identity?) -> Principal? {
        guard case .principal(let principal)? = identity, !principal.isAPIKey, principal.roles.contains(.councilMember) else { return nil }
        return principal
    }
}
