import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import ServiceKit

/// `GET /api/v1/broadcasts/episodes/{id}/live`: the episode's question queue as Server-Sent Events, for the
/// producer's and presenter's screens and the public wall. Each change in the feed becomes one event,
/// filtered by what the caller may see; `Last-Event-ID` resumes after the last one received (without it the
/// stream starts from the first change, so a new screen gets the whole queue). Woken at once by a change on
/// this replica or (PostgreSQL) another one, and polling the feed besides.
struct LiveController {
    let episodes: EpisodeWorkflow
    let reads: LiveReads
    let signal: LiveSignal

    init(_ components: BroadcastsComponents) {
        episodes = components.workflow
        reads = components.liveReads
        signal = components.liveSignal
    }

    func register(on router: ServiceRouter) {
        router.group("/api/v1/broadcasts/episodes/{id}/live").get(use: live)
    }

    @Sendable func live(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let episode = try await episodes.load(context.episodeID, for: identity)
        let audience = QuestionAudience(identity)
        var after: Int64 = 0
        if let text = request.headers[LiveLimits.lastEventIDHeader], !text.isEmpty {
            guard text.count <= LiveLimits.maxLastEventIDLength, let number = Int64(text), number >= 0 else {
                throw ServiceError.invalidLastEventID
            }
            after = number
        }
        guard let place = signal.admitStream(max: LiveLimits.maxStreams) else { throw ServiceError.liveStreamsFull }
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream; charset=utf-8"
        headers[.cacheControl] = "no-store"
        // Tells a buffering proxy in front (nginx) to pass each event on at once.
        headers[LiveLimits.accelBufferingHeader] = "no"
        let stream = LiveStream(episode: episode, audience: audience, after: after, reads: reads, signal: signal, channel: context.channel)
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                defer { place.release() }
                try await stream.run(&writer)
                try await writer.finish(nil)
            })
    }
}

/// One subscriber's stream: reads the feed after the last number sent, writes what the audience may see,
/// then waits for a wake-up, the next poll or the heartbeat, until the client leaves or the service stops.
struct LiveStream: Sendable {
    let episode: Episode
    let audience: QuestionAudience
    let after: Int64
    let reads: LiveReads
    let signal: LiveSignal
    let channel: any Channel

    func run(_ writer: inout any ResponseBodyWriter) async throws {
        let (ticks, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        // Wake-ups from changes and the poll's ticks arrive as ticks; the client's departure and the
        // service's shutdown end them.
        let wakeUps = Task { [signal, episode] in
            for await _ in signal.subscribe(episode.id) { continuation.yield() }
            continuation.finish()
        }
        let poller = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: LiveLimits.pollInterval)
                continuation.yield()
            }
        }
        channel.closeFuture.whenComplete { _ in continuation.finish() }
        try? await channel.pipeline.addHandler(LiveDepartureHandler { continuation.finish() }, position: .first).get()
        defer {
            wakeUps.cancel()
            poller.cancel()
            continuation.finish()
        }
        var last = after
        var lastWrite = ContinuousClock.now
        // The first read starts at once; the stream ends when the client leaves (a failed write, the channel's close).
        continuation.yield()
        for await _ in ticks {
            guard channel.isActive else { return }
            var wrote = false
            while true {
                let batch = try await reads.batch(of: episode.id, after: last, limit: LiveLimits.batchSize)
                guard let lastChange = batch.changes.last else { break }
                for event in events(for: batch) {
                    try await writer.write(try event.encoded())
                    wrote = true
                }
                last = lastChange.sequence
                if batch.changes.count < LiveLimits.batchSize { break }
            }
            if wrote {
                lastWrite = .now
            } else if ContinuousClock.now - lastWrite >= LiveLimits.heartbeatInterval {
                try await writer.write(LiveEvent.heartbeat)
                lastWrite = .now
            }
        }
    }

    /// The batch's events: one per question, at the number of its last change in the batch, in that order.
    func events(for batch: LiveReads.Batch) -> [LiveEvent] {
        let mode = batch.moderationMode ?? episode.details.moderationMode
        var lastSequence: [UUID: Int64] = [:]
        for change in batch.changes { lastSequence[change.questionId] = change.sequence }
        var events: [LiveEvent] = []
        for (id, sequence) in lastSequence.sorted(by: { $0.value < $1.value }) {
            let question = batch.questions[id]
            if let question, question.episodeId == episode.id, audience.sees(question, in: mode) {
                events.append(.question(QuestionDocument(question, for: audience), sequence: sequence))
            } else if let question, audience.isStaff || (question.state != .received && (mode == .permissive || batch.everApproved.contains(id))) {
                // The public never learns of a question it could not have seen: one awaiting moderation, or taken
                // down from a strictly moderated episode without ever being approved.
                events.append(.removed(question.id, sequence: sequence))
            }
        }
        return events
    }
}
