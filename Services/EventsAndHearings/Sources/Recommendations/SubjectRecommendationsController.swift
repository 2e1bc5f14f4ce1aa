import Foundation
import Hummingbird
import Models
import ServiceKit

/// Answers `GET /api/v1/events/recommendations?dutyBearer=…` or `?council=…` for anyone: the recommendations a
/// scorecard counts, one by one, so the public sees what the numbers are made of. The route is public at the
/// gateway (`/api/v1/events/**` reads).
struct SubjectRecommendationsController {
    let recommendations: RecommendationRepository
    let now: @Sendable () -> Date

    init(_ components: EventsComponents) {
        recommendations = components.recommendations.recommendations
        now = components.now
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/events/recommendations").get(use: list)
    }

    /// Newest first, `status` narrowing it; the scope is the scorecard's: the public's published public events,
    /// staff's every event.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Page<RecommendationListing> {
        let subject = try Scorecard.Subject(request)
        let statuses: [RecommendationStatus] = try request.enumListQuery("status") ?? []
        let page = try request.pageRequest()
        let identity = try context.requireIdentity()
        let publicOnly = identity.roles.isDisjoint(with: EventAccess.staff)
        let today = BishkekTime.day(of: now())
        return try await recommendations.list(subject, statuses: statuses, publicOnly: publicOnly, page: page).map {
            RecommendationListing($0, today: today)
        }
    }
}

/// One recommendation in a duty-bearer's or a council's list: where it stands, and the event it was made at.
struct RecommendationListing: Codable, Sendable {
    /// The event a recommendation was made at, as much as a list links and names.
    struct EventBrief: Codable, Sendable {
        var id: UUID
        var title: LocalizedText
        var startsAt: Date
    }

    var id: UUID
    var text: LocalizedText
    var dutyBearerId: UUID
    var dueOn: String
    var status: RecommendationStatus
    var progress: Int
    var overdue: Bool
    var createdAt: Date
    /// The last change of its status or progress.
    var updatedAt: Date
    var event: EventBrief

    init(_ listed: RecommendationRepository.Listed, today: String) {
        let recommendation = listed.recommendation
        id = recommendation.id
        text = recommendation.text
        dutyBearerId = recommendation.dutyBearerID
        dueOn = recommendation.dueOn
        status = recommendation.status
        progress = recommendation.progress
        overdue = recommendation.isOverdue(today: today)
        createdAt = recommendation.createdAt
        updatedAt = recommendation.updatedAt
        event = EventBrief(id: recommendation.eventID, title: listed.eventTitle, startsAt: listed.eventStartsAt)
    }
}
