import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way an episode changes: load → access → `If-Match` → mutate → version + 1 → save with its
/// history (and its guests' rows) in one transaction.
///
/// Each change (details, a transition, a guest) is a method on this type (`EpisodeWorkflow+Changes`,
/// `+Guests`); each mutates the episode and names the history ``Entry``s it is, and this file saves them.
/// Controllers decide nothing about episodes.
struct EpisodeWorkflow: Sendable {
    let episodes: EpisodeRepository
    let shows: ShowRepository
    let guests: GuestRepository
    let history: EpisodeHistoryRepository
    /// The time now (history, announcement); injected so tests can move it.
    let now: @Sendable () -> Date

    /// One thing that happened to an episode, appended to its history; `statements` write what it changed
    /// besides the episode's own row (guests).
    struct Entry {
        var action: EpisodeHistoryAction
        var from: EpisodeStatus? = nil
        var to: EpisodeStatus? = nil
        var note: String? = nil
        var statements: [SQLQueryString] = []
    }

    /// A staff member, and the episode as loaded for them.
    struct Authorized {
        let principal: Principal
        let episode: Episode
    }

    /// The episode `episodeID` names, if `identity` may see it; otherwise 404, so its existence is not revealed.
    func load(_ episodeID: UUID?, for identity: Identity) async throws -> Episode {
        guard let episodeID else { throw ServiceError.notFound("episode") }
        return try BroadcastAccess.require(try await episodes.find(episodeID), visibleTo: identity)
    }

    /// Loads the episode for `principal`, whom the controller has checked is staff.
    func authorize(_ principal: Principal, episodeID: UUID?) async throws -> Authorized {
        Authorized(principal: principal, episode: try await load(episodeID, for: .principal(principal)))
    }

    /// Plans a new episode of `showId` with its first history entry in one transaction.
    func create(showId: UUID, _ details: EpisodeDetails, by principal: Principal) async throws -> Episode {
        guard try await shows.find(showId) != nil else { throw ServiceError.validationFailed(["showId": "names no show"]) }
        let now = now()
        let episode = Episode(
            id: .v7(at: now), showId: showId, details: details, status: .planned, cancellationReason: nil, announcedAt: nil,
            createdBySubject: principal.subject, createdAt: now, updatedAt: now, version: 1)
        try await episodes.insert(
            episode, with: [history.appendStatement(to: episode.id, actor: principal.subject, action: .created, to: .planned, at: now)])
        return episode
    }

    /// Checks `If-Match` against the loaded version, applies `mutate`, and saves the episode with its
    /// history entries and their statements, and whatever `also` writes, in one transaction.
    func change(
        _ caller: Authorized, ifMatch request: Request,
        also: @escaping @Sendable (Episode, Date, any SQLDatabase) async throws -> Void = { _, _, _ in },
        _ mutate: (inout Episode, Date) async throws -> [Entry]
    ) async throws -> Episode {
        var episode = caller.episode
        try request.checkIfMatch(currentETag: episode.eTag)
        let now = now()
        let expectedVersion = episode.version
        let entries = try await mutate(&episode, now)
        // A published or cancelled episode is a record: it has no moves left (the transition table says so
        // with its own 409), and its details and guests stay as they were.
        if caller.episode.status.isFinal, entries.contains(where: { $0.action != .transition }) {
            throw ServiceError.episodeIsFinal(caller.episode.status)
        }
        episode.version += 1
        episode.updatedAt = now
        let saved = episode
        let actor = caller.principal.subject
        try await episodes.database.transaction { [episodes, history] session in
            guard try await episodes.update(saved, expectedVersion: expectedVersion, on: session) else { throw ServiceError.staleVersion }
            for entry in entries {
                for statement in entry.statements { try await session.raw(statement).run() }
                try await session.raw(
                    history.appendStatement(to: saved.id, actor: actor, action: entry.action, from: entry.from, to: entry.to, note: entry.note, at: now)
                ).run()
            }
            try await also(saved, now, session)
        }
        return saved
    }
}
