import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// An answer given on air, as broadcasts reported it (`broadcasts.question.answered`): the episode, the
/// replay at the answer's start and the summary a legal expert approved. Kept on the response it became.
struct OnAirAnswer: Codable, Equatable, Sendable {
    let episodeId: UUID
    let episodeTitle: LocalizedText
    /// The day of the broadcast (`YYYY-MM-DD`, Bishkek).
    let answeredOn: String
    /// An `http(s)` link to the replay at the answer's timecode; none until the replay is published.
    let replayURL: String?
    let summary: LocalizedText

    /// The longest replay link kept; pages show it as a link, so it is bounded like any other text.
    static let maxReplayURLBytes = 2_000
    /// One language of the episode's title.
    static let episodeTitleLimit = TextLimit(maxBytes: 400)

    /// Checks what broadcasts sent; a message that fails here can never apply (422, kept as undeliverable).
    init(_ answer: BroadcastAnswer) throws {
        var errors = FieldErrors()
        errors.require(
            answer.ref.service == ServiceCatalog.appeals.name && answer.ref.type == "appeal", field: "ref", "must name an appeal of appeals")
        errors.check(languagesOf: answer.episodeTitle, Self.episodeTitleLimit, field: "episodeTitle")
        errors.check(languagesOf: answer.summary, AppealTextLimits.caseText, field: "summary")
        errors.require(Self.isDay(answer.answeredOn), field: "answeredOn", "must be a day, YYYY-MM-DD")
        if let link = answer.replayURL {
            // Only web links: the tracking page renders it as a link, where `javascript:` would run.
            let scheme = URLComponents(string: link)?.scheme?.lowercased()
            errors.require(
                (scheme == "https" || scheme == "http") && link.utf8.count <= Self.maxReplayURLBytes, field: "replayURL",
                "must be an http(s) URL of at most \(Self.maxReplayURLBytes) bytes")
        }
        try errors.throwIfAny()
        episodeId = answer.episodeId
        episodeTitle = answer.episodeTitle
        answeredOn = answer.answeredOn
        replayURL = answer.replayURL
        summary = answer.summary
    }

    private static func isDay(_ text: String) -> Bool {
        text.wholeMatch(of: /\d{4}-\d{2}-\d{2}/) != nil && PublicationRepository.start(of: text) != nil
    }

    /// How appeals receives `broadcasts.question.answered` on `POST /internal/events`.
    static func inboxHandler(_ workflow: AppealWorkflow) -> InboxHandler {
        InboxHandler(type: BroadcastAnswer.messageType, senders: [ServiceCatalog.broadcasts.name]) { message, session in
            try await workflow.recordOnAir(try message.decodePayload(as: BroadcastAnswer.self), on: session)
        }
    }
}

extension AppealWorkflow {
    /// The service broadcasts' changes are recorded as, in the appeal's history.
    static let broadcastsActor = "service:\(ServiceCatalog.broadcasts.name)"

    /// Records an answer given on air as a public response, in the inbox's transaction `session`; the appeal
    /// becomes answered when its status allows, and otherwise keeps its status with the response recorded.
    /// Told again about the same episode's answer (broadcasts does once the replay is published), it brings
    /// that response up to date instead of adding another.
    func recordOnAir(_ answer: BroadcastAnswer, on session: any SQLDatabase) async throws {
        let onAir = try OnAirAnswer(answer)
        guard let original = try await appeals.find(answer.ref.id, on: session) else { throw ServiceError.notFound("appeal") }
        let now = now()
        var appeal = original
        if let recorded = try await records.onAirResponse(of: appeal.id, episodeID: onAir.episodeId, on: session) {
            guard recorded.onAir != onAir else { return }
            appeal.version += 1
            appeal.updatedAt = now
            let event = Event(
                action: .response, note: "answer on air in episode \(onAir.episodeId.text) updated\(onAir.replayURL == nil ? "" : " with its replay")",
                record: { [records] in try await records.updateOnAir(onAir, text: onAir.summary.text(preferring: []), of: recorded.id, on: $0) })
            try await save(appeal, replacing: original, expectedVersion: original.version, events: [event], actor: Self.broadcastsActor, at: now, on: session)
            publishedPages.invalidate()
            return
        }
        let response = CaseRecordRepository.Response(
            id: .v7(), text: onAir.summary.text(preferring: []), channel: .broadcast, author: Self.broadcastsActor,
            reference: nil, isPublic: true, createdAt: now, onAir: onAir)
        var events = [
            Event(
                action: .response, note: "answered on air in episode \(onAir.episodeId.text)",
                record: { [records, id = appeal.id] in try await records.insert(response, appealID: id, on: $0) })
        ]
        if appeal.status != .answered, appeal.status.allowedTransitions.contains(.answered) {
            events.insert(Event(action: .transition, from: appeal.status, to: .answered), at: 0)
            appeal.status = .answered
            appeal.answeredAt = now
        }
        appeal.version += 1
        appeal.updatedAt = now
        try await save(appeal, replacing: original, expectedVersion: original.version, events: events, actor: Self.broadcastsActor, at: now, on: session)
        // Sent once the inbox's transaction commits, at the latest on the outbox's next poll.
        facts.deliverSoon()
        publishedPages.invalidate()
    }
}
