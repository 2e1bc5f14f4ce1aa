import Foundation

/// A response as the public sees it: no author, only the answer.
struct PublishedResponse: Codable, Sendable {
    let text: String
    let channel: ResponseChannel
    let reference: String?
    let at: Date

    init(_ response: CaseRecordRepository.Response) {
        text = response.text
        channel = response.channel
        reference = response.reference
        at = response.createdAt
    }
}
