import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way an appeal changes: load → access → `If-Match` → mutate → version + 1 → save with its
/// history, counts and facts in one transaction → empty the caches.
///
/// Each change (a transition, a fact-check, a publication …) is a method on this type, beside the
/// aggregate it belongs to (`AppealWorkflow+Changes`, `+CaseRecords`, `+Publication`); each mutates the
/// appeal and names the history ``Event``s it is, and this file saves them. Controllers decide nothing
/// about appeals.
struct AppealWorkflow: Sendable {
    let appeals: AppealRepository
    let history: HistoryRepository
    let records: CaseRecordRepository
    let publications: PublicationRepository
    /// What other services are told of changes, in the same transaction.
    let facts: AppealFacts
    /// The public list's pages; every change empties it.
    let publishedPages: EncodedResponseCache
    /// The time now (milestones, the counts' months); injected so tests can move it.
    let now: @Sendable () -> Date

    /// One thing that happened to an appeal, appended to its history; `record` writes its own row too.
    struct Event {
        var action: HistoryAction
        var from: AppealStatus? = nil
        var to: AppealStatus? = nil
        var note: String? = nil
        var isPublic = false
        var record: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    }

    /// A caller who may change an appeal, and the appeal as loaded for them.
    struct Authorized {
        let principal: Principal
        let appeal: Appeal
        let view: AppealAccess.View
    }

    /// An appeal as a change left it, and what its caller may now see of it.
    struct Changed {
        let appeal: Appeal
        let view: AppealAccess.View
    }

    /// The appeal `appealID` names, if `principal` may see it; otherwise 404, so its existence is not revealed.
    func load(_ appealID: UUID?, for principal: Principal) async throws -> (Appeal, AppealAccess.View) {
        guard let appealID else { throw ServiceError.notFound("appeal") }
        return try AppealAccess.require(try await appeals.find(appealID), visibleTo: principal)
    }

    /// Checks the caller's access to the appeal (404 when it is hidden from them). Controllers call it after
    /// the role check and before reading the body, so a caller who may not change the appeal learns nothing
    /// about what its fields must hold.
    func authorize(_ principal: Principal, appealID: UUID?) async throws -> Authorized {
        let (appeal, view) = try await load(appealID, for: principal)
        return Authorized(principal: principal, appeal: appeal, view: view)
    }

    /// Checks `If-Match` against the loaded version, applies `mutate`, and saves the appeal with its
    /// history entries, records, counts and facts in one transaction.
    func change(
        _ caller: Authorized, ifMatch request: Request,
        _ mutate: (inout Appeal, Principal, Date) async throws -> [Event]
    ) async throws -> Changed {
        let principal = caller.principal
        var appeal = caller.appeal
        try request.checkIfMatch(currentETag: appeal.eTag)
        let now = now()
        let expectedVersion = appeal.version
        let original = appeal
        let events = try await mutate(&appeal, principal, now)
        appeal.version += 1
        appeal.updatedAt = now
        let saved = appeal
        try await appeals.database.transaction { session in
            try await save(saved, replacing: original, expectedVersion: expectedVersion, events: events, actor: principal.subject, at: now, on: session)
        }
        facts.deliverSoon()
        publishedPages.invalidate()
        return Changed(appeal: saved, view: AppealAccess.view(of: saved, for: principal) ?? caller.view)
    }

    /// Saves `saved` over `original` (which must still be at `expectedVersion`) with its history entries,
    /// records, counts and facts, on `session`: a caller's change, or a message another service sent.
    func save(
        _ saved: Appeal, replacing original: Appeal, expectedVersion: Int, events: [Event], actor: String, at now: Date,
        on session: any SQLDatabase
    ) async throws {
        guard try await appeals.update(saved, expectedVersion: expectedVersion, on: session) else { throw ServiceError.staleVersion }
        try await AppealCounters.move(from: original, to: saved, on: session)
        if let indicating = AppealIndicatorCounts.adjustment(
            AppealIndicatorCounts.changes(from: original, to: saved, actions: events.map(\.action), at: now)
        ) {
            try await session.raw(indicating).run()
        }
        for event in events {
            try await event.record?(session)
            try await history.append(
                to: saved.id, actor: actor, action: event.action, from: event.from, to: event.to,
                note: event.note, isPublic: event.isPublic, at: now, on: session)
        }
        if original.status != .answered, saved.status == .answered {
            let answered = AppealFacts.Answered(ref: AppealFacts.reference(to: saved.id), answeredOn: PublicationRepository.day(of: now))
            try await facts.record(.answered, about: saved.id, payload: answered, at: now, on: session)
        }
    }
}
