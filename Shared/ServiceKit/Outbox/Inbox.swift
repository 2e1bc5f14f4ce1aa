import Foundation
import Hummingbird
import Models
import Persistence
import SQLKit

/// What a service does with one type of message from other services, and who may send it.
public struct InboxHandler: Sendable {
    /// `<service>.<entity>.<verb>`, e.g. `broadcasts.question.answered`.
    public let type: String
    /// The services allowed to send it, by their catalog names.
    public let senders: Set<String>
    /// Applies the message on `session`, the transaction that also records it as applied. Throw a 4xx
    /// ``ServiceError`` for a message that can never apply (the sender keeps it as undeliverable), anything
    /// else for a failure that may pass (the sender retries).
    public let apply: @Sendable (_ message: InboxMessage, _ session: any SQLDatabase) async throws -> Void

    /// Declares a handler.
    public init(
        type: String, senders: Set<String>,
        apply: @escaping @Sendable (_ message: InboxMessage, _ session: any SQLDatabase) async throws -> Void
    ) {
        self.type = type
        self.senders = senders
        self.apply = apply
    }
}

/// `POST /internal/events`: where other services' outboxes deliver. Each message is applied once: its ID
/// is recorded in the inbox in the same transaction as its effect, so a repeat is acknowledged and ignored.
public struct InboxRoutes: Sendable {
    /// The path every service receives messages on.
    public static let path = "/internal/events"

    /// The migration that creates the inbox; every service runs it with the kit's own.
    public static let migration = Migration(
        "0000_create_inbox_messages",
        statements: [
            """
            CREATE TABLE inbox_messages (
                id TEXT PRIMARY KEY,
                sender TEXT NOT NULL,
                message_type TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """
        ])

    /// What the receiver answers.
    struct Receipt: ResponseEncodable {
        /// `applied`, or `duplicate` when the message had been applied before.
        let outcome: String
    }

    let database: Database
    let handlers: [String: InboxHandler]

    /// Receives the message types `handlers` name on `database`.
    public init(database: Database, handlers: [InboxHandler]) {
        self.database = database
        self.handlers = Dictionary(handlers.map { ($0.type, $0) }) { first, _ in first }
    }

    /// Registers `POST /internal/events`, open to every service that some handler names as a sender.
    public func register(on router: ServiceRouter) {
        let senders = Set(handlers.values.flatMap(\.senders))
        router.group(RouterPath(Self.path)).add(middleware: AllowedCallersMiddleware(senders)).post(use: receive)
    }

    @Sendable func receive(_ request: Request, context: ServiceRequestContext) async throws -> Receipt {
        guard case .service(let caller) = context.identity else { throw ServiceError.callerNotAllowed }
        let message = try await request.decodeJSON(as: InboxMessage.self, context: context)
        guard let handler = handlers[message.type] else {
            throw ServiceError.unacceptableMessage("this service does not receive \(message.type) messages")
        }
        // The signed caller, not the body, says who sent it.
        guard message.sender == caller, handler.senders.contains(caller) else { throw ServiceError.callerNotAllowed }
        let isNew = try await database.transaction { session in
            let recorded = try await session.raw(
                """
                INSERT INTO inbox_messages (id, sender, message_type, applied_at)
                VALUES (\(bind: message.id.text), \(bind: caller), \(bind: message.type), \(bind: Date().epochMilliseconds))
                ON CONFLICT (id) DO NOTHING
                RETURNING id
                """
            ).all()
            guard !recorded.isEmpty else { return false }
            try await handler.apply(message, session)
            return true
        }
        return Receipt(outcome: isNew ? "applied" : "duplicate")
    }
}
