import Foundation
import Models
import Synchronization

/// A fact one service tells another (DESIGN.md §8), written to the sender's outbox in the same transaction
/// as the change it reports, and delivered to the receiver's `POST /internal/events` until accepted.
public struct OutboxMessage: Sendable {
    /// Unique per message: the receiver's inbox key and the delivery's `Idempotency-Key`.
    public let id: UUID
    /// `<service>.<entity>.<verb>`, e.g. `appeals.appeal.published`.
    public let type: String
    /// The record the fact is about (`appeal:<id>`): messages of one aggregate arrive in the order written.
    public let aggregate: String
    /// The service that receives it, by its catalog name.
    public let receiver: String
    /// The fact's data as JSON text: IDs, references and public titles, never another service's personal data.
    public let payload: String
    /// When the change happened.
    public let occurredAt: Date
    /// Orders messages of one aggregate: increasing within a process, close to time order across replicas.
    let position: Int64

    /// A message about `aggregate` for `receiver`, with `payload` encoded as the API encodes JSON.
    public init<Payload: Encodable>(
        type: String, aggregate: String, receiver: String, payload: Payload, occurredAt: Date = Date()
    ) throws {
        id = .v7(at: occurredAt)
        self.type = type
        self.aggregate = aggregate
        self.receiver = receiver
        self.payload = String(decoding: try JSONEncoder.api.encode(payload), as: UTF8.self)
        self.occurredAt = occurredAt
        position = OutboxPositions.next(after: occurredAt)
    }
}

/// Positions for outbox messages: microseconds since 1970, bumped past the last one handed out, so two
/// messages written in the same microsecond (one transaction's) keep the order they were written in.
enum OutboxPositions {
    private static let last = Mutex<Int64>(0)

    static func next(after date: Date) -> Int64 {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        return last.withLock { last in
            last = max(last + 1, micros)
            return last
        }
    }
}

/// What travels in `POST /internal/events`: the message as the receiver sees it.
public struct InboxMessage: Codable, Sendable, Equatable {
    /// The message's ID (also sent as `Idempotency-Key`).
    public let id: UUID
    /// `<service>.<entity>.<verb>`.
    public let type: String
    /// The record the fact is about.
    public let aggregate: String
    /// The sending service; the receiver checks it against the caller's signed identity.
    public let sender: String
    /// When the change happened.
    public let occurredAt: Date
    /// The fact's data.
    public let payload: JSONValue

    /// Creates an envelope.
    public init(id: UUID, type: String, aggregate: String, sender: String, occurredAt: Date, payload: JSONValue) {
        self.id = id
        self.type = type
        self.aggregate = aggregate
        self.sender = sender
        self.occurredAt = occurredAt
        self.payload = payload
    }

    /// The payload decoded as `Payload`; a payload that does not fit is a 422, so the sender stops retrying it.
    public func decodePayload<Payload: Decodable>(as type: Payload.Type) throws -> Payload {
        do {
            return try JSONDecoder.api.decode(Payload.self, from: JSONEncoder.api.encode(payload))
        } catch {
            throw ServiceError.unacceptableMessage("the payload of \(self.type) does not have the expected fields")
        }
    }
}
