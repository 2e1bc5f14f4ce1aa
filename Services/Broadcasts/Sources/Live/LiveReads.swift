import Foundation
import Models
import Synchronization

/// The reads a live stream makes when it wakes, shared by every stream of the episode that asks the same at
/// about the same time: the feed's changes after a number, the questions they name (one query) and the
/// episode's moderation mode. A change wakes every subscriber at once and they all stand at the same number,
/// so a thousand subscribers make one read, not a thousand (and not a thousand openings of sealed contacts).
///
/// A read is reused only within one generation of ``LiveSignal`` (any change on this replica, or another's
/// notice, starts a new one), so a stream woken by a change never gets a read made before it; and for at most
/// a moment (half a second) after it finished, which is what the polls of many streams, each on its own clock, share.
final class LiveReads: Sendable {
    /// What a wake-up reads: the changes, oldest first, with their questions and the moderation mode now.
    struct Batch: Sendable {
        let changes: [QuestionChangeFeed.Change]
        let questions: [UUID: Question]
        let moderationMode: ModerationMode?
        /// Of the questions the public sees no more (hidden, rejected, merged), those it may have seen once:
        /// approved at some point. The others it is never told about, not even that they went.
        var everApproved: Set<UUID> = []
    }

    /// How long a finished read serves later asks of the same generation: a poll's fallback for a missed
    /// wake-up is late by at most this much.
    static let defaultReuseWindow: Duration = .milliseconds(500)

    private struct Key: Hashable {
        let episode: UUID
        let after: Int64
        let generation: UInt64
    }

    private struct Entry {
        let read: Task<Batch, any Error>
        var finishedAt: ContinuousClock.Instant?
    }

    /// One read from the database: an episode's changes after a number, at most a limit, with what they name.
    typealias Read = @Sendable (_ episodeID: UUID, _ after: Int64, _ limit: Int) async throws -> Batch

    private let read: Read
    private let signal: LiveSignal
    private let reuseWindow: Duration
    private let entries = Mutex([Key: Entry]())

    /// Shares the reads `read` makes, within `signal`'s generations and for `reuseWindow` after each finished.
    init(signal: LiveSignal, reuseWindow: Duration = defaultReuseWindow, read: @escaping Read) {
        self.signal = signal
        self.reuseWindow = reuseWindow
        self.read = read
    }

    /// Shares reads of the database through these repositories.
    convenience init(
        feed: QuestionChangeFeed, questions: QuestionRepository, history: QuestionHistoryRepository, episodes: EpisodeRepository, signal: LiveSignal
    ) {
        self.init(signal: signal) { episodeID, sequence, limit in
            let changes = try await feed.changes(in: episodeID, after: sequence, limit: limit)
            guard !changes.isEmpty else { return Batch(changes: [], questions: [:], moderationMode: nil) }
            let named = try await questions.find(Set(changes.map(\.questionId)))
            // The moderation mode may change while streams run.
            let mode = try await episodes.find(episodeID)?.details.moderationMode
            // Hidden, rejected or merged: the states the public never sees.
            let takenDown = named.filter { !$0.state.isPublic(in: .permissive) }.map(\.id)
            return Batch(
                changes: changes, questions: Dictionary(named.map { ($0.id, $0) }) { first, _ in first }, moderationMode: mode,
                everApproved: try await history.everApproved(Set(takenDown)))
        }
    }

    /// The episode's changes after `sequence` (at most `limit`) with what they name, read once for everyone asking.
    func batch(of episodeID: UUID, after sequence: Int64, limit: Int) async throws -> Batch {
        let key = Key(episode: episodeID, after: sequence, generation: signal.generation)
        let now = ContinuousClock.now
        let shared = entries.withLock { entries -> Task<Batch, any Error> in
            if let entry = entries[key], entry.finishedAt.map({ now - $0 < reuseWindow }) ?? true { return entry.read }
            // Finished reads past their window go; the table holds only what is being read or just was.
            entries = entries.filter { $0.value.finishedAt.map { now - $0 < reuseWindow } ?? true }
            let started = Task { [read] in try await read(episodeID, sequence, limit) }
            entries[key] = Entry(read: started, finishedAt: nil)
            return started
        }
        do {
            let batch = try await shared.value
            markFinished(key)
            return batch
        } catch {
            // A failed read is not shared with later asks.
            _ = entries.withLock { $0.removeValue(forKey: key) }
            throw error
        }
    }

    private func markFinished(_ key: Key) {
        let now = ContinuousClock.now
        entries.withLock { entries in
            if entries[key]?.finishedAt == nil { entries[key]?.finishedAt = now }
        }
    }
}
