import Foundation
import Models
import ServiceKit

/// Everything the broadcasts controllers use, built once from ``ServiceDependencies``: one repository per
/// table group and the workflow. Controllers take what they need from here and never hold one another.
struct BroadcastsComponents: Sendable {
    /// The time now (history, announcement); the dependencies' clock, so tests can move it.
    let now: @Sendable () -> Date
    let idempotency: IdempotencyMiddleware
    let shows: ShowRepository
    let episodes: EpisodeRepository
    let guests: GuestRepository
    let history: EpisodeHistoryRepository
    let workflow: EpisodeWorkflow

    init(_ dependencies: ServiceDependencies) {
        let database = dependencies.database
        now = dependencies.now
        idempotency = dependencies.idempotency
        shows = ShowRepository(database: database)
        episodes = EpisodeRepository(database: database)
        guests = GuestRepository(database: database)
        history = EpisodeHistoryRepository(database: database)
        workflow = EpisodeWorkflow(episodes: episodes, shows: shows, guests: guests, history: history, now: now)
    }
}
