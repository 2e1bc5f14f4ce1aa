import Foundation
import Models
import NIOCore
import ServiceKit

/// One Server-Sent Event of the live stream: a question as the subscriber may see it, or the notice that a
/// question left what the subscriber sees (hidden, merged, deferred to another episode).
enum LiveEvent {
    case question(QuestionDocument, sequence: Int64)
    case removed(UUID, sequence: Int64)

    /// The event's text: its feed number as the SSE `id`, its kind as `event`, JSON as `data`.
    func encoded() throws -> ByteBuffer {
        let (name, sequence, data): (String, Int64, Data) =
            switch self {
            case .question(let document, let sequence): ("question", sequence, try JSONEncoder.api.encode(document))
            case .removed(let id, let sequence): ("removed", sequence, try JSONEncoder.api.encode(["id": id]))
            }
        // JSON from the encoder is one line, so one `data:` field carries it.
        return ByteBuffer(string: "id: \(sequence)\nevent: \(name)\ndata: \(String(decoding: data, as: UTF8.self))\n\n")
    }

    /// A comment line, ignored by clients: it shows the stream is alive.
    static let heartbeat = ByteBuffer(string: ": heartbeat\n\n")
}
