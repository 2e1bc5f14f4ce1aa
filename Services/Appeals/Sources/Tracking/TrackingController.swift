import Foundation
import Hummingbird
import Models
import ServiceKit

/// Tracking an appeal by its code: `POST /api/v1/appeals/track` with the code in the body (kept out of
/// access logs), or `GET /api/v1/appeals/track/{code}`.
struct TrackingController {
    let appeals: AppealRepository
    let history: HistoryRepository
    let records: CaseRecordRepository
    let trackingCodes: TrackingCodes
    /// Wrong codes per client (by the gateway's client key): ten free for typos, then a wait of 1 s that
    /// doubles with each further wrong code up to a minute. Everyone behind a shared address (a carrier
    /// NAT) waits at most a minute, never a lock-out, while guessing stays hopeless: at one guess a
    /// minute a client makes about 525,000 guesses a year, and with a million live appeals among 2^60
    /// codes each guess hits with odds of about 1 in 10^12, so a year of guessing wins with odds under
    /// 1 in 2,000,000 per client key. A right code does not clear the count, or a guesser who knows one
    /// code could keep guessing at full speed.
    let trackingFailures = FailureBackoff(freeFailures: 10, initialDelay: 1, maxDelay: 60, forgetAfter: 15 * 60)

    init(_ components: AppealsComponents) {
        appeals = components.appeals
        history = components.history
        records = components.records
        trackingCodes = components.settings.trackingCodes
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/appeals/track").add(middleware: NoStoreMiddleware())
            .get("{code}", use: trackByPath)
            .post(use: trackByBody)
    }

    /// What an appellant sees when tracking: status, last update, public notes and published responses.
    struct Tracking: ResponseEncodable {
        let status: AppealStatus
        let lastUpdatedAt: Date
        let responseDueAt: Date
        let notes: [Note]
        let responses: [PublishedResponse]

        struct Note: Encodable {
            let at: Date
            let text: String
        }
    }

    /// `POST /api/v1/appeals/track` with `{"code": …}`: the code stays out of URLs and so out of access logs.
    struct TrackingRequest: Decodable {
        let code: String
    }

    @Sendable func trackByBody(_ request: Request, context: ServiceRequestContext) async throws -> Tracking {
        try await track(code: try await request.decodeJSON(as: TrackingRequest.self, context: context).code, context: context)
    }

    @Sendable func trackByPath(_ request: Request, context: ServiceRequestContext) async throws -> Tracking {
        try await track(code: context.parameters.get("code") ?? "", context: context)
    }

    private func track(code typed: String, context: ServiceRequestContext) async throws -> Tracking {
        let client = context.clientKey ?? "unknown"
        if let seconds = trackingFailures.retryAfter(client) {
            throw ServiceError.tooManyTrackingAttempts(retryAfterSeconds: seconds)
        }
        guard let code = TrackingCodes.normalize(typed), let appeal = try await appeals.find(trackingHash: trackingCodes.hash(code)) else {
            trackingFailures.recordFailure(client)
            throw ServiceError.unknownTrackingCode
        }
        return Tracking(
            status: appeal.status, lastUpdatedAt: appeal.updatedAt, responseDueAt: appeal.responseDueAt,
            notes: try await history.entries(for: appeal.id, publicOnly: true).compactMap { entry in entry.note.map { .init(at: entry.occurredAt, text: $0) } },
            responses: try await records.responses(for: appeal.id, publicOnly: true).map(PublishedResponse.init)
        )
    }
}
