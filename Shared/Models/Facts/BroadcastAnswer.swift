import Foundation

/// The payload of `broadcasts.question.answered` (DESIGN.md §8): a question that came from an appeal was
/// answered on air and its summary approved by a legal expert. Broadcasts sends it to appeals, which records
/// it on the appeal as a response "answered on air" the appellant sees when tracking the appeal.
///
/// It carries a reference and public texts only; the appeal's personal data never reaches broadcasts.
public struct BroadcastAnswer: Codable, Hashable, Sendable {
    /// The message type this payload travels as.
    public static let messageType = "broadcasts.question.answered"

    /// The appeal the question came from (`{"service": "appeals", "type": "appeal", "id": …}`).
    public var ref: Reference
    /// The episode the question was answered in.
    public var episodeId: UUID
    /// The episode's title, as the public sees it.
    public var episodeTitle: LocalizedText
    /// The day of the broadcast (`YYYY-MM-DD`, Asia/Bishkek), no finer.
    public var answeredOn: String
    /// The replay at the answer's start (`…#t=<seconds>`), once a replay exists.
    public var replayURL: String?
    /// The answer's summary as the legal expert approved it.
    public var summary: LocalizedText

    /// An answer.
    public init(ref: Reference, episodeId: UUID, episodeTitle: LocalizedText, answeredOn: String, replayURL: String?, summary: LocalizedText) {
        self.ref = ref
        self.episodeId = episodeId
        self.episodeTitle = episodeTitle
        self.answeredOn = answeredOn
        self.replayURL = replayURL
        self.summary = summary
    }
}
