import Foundation

/// A response as the public sees it: no author, only the answer.
struct PublishedResponse: Codable, Sendable {
    let text: String
    let channel: ResponseChannel
    let reference: String?
    let at: Date
    /// The episode, replay link and approved summary of an answer given on air.
    let onAir: OnAirAnswer?

    init(_ response: CaseRecordRepository.Response) {
        text = response.text
        channel = response.channel
        reference = response.reference
        at = response.createdAt
        onAir = response.onAir
    }
}
