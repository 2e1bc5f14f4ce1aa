import Foundation
import Hummingbird
import Logging
import Models
import NIOCore
import Persistence
import Prometheus
import SQLKit
import Synchronization
import TestSupport

@testable import ServiceKit

#if canImport(Glibc)
    import Glibc
#endif

/// A sender's outbox on a fresh database and a receiving service on a loopback port it may start late or
/// stop, so tests can take the receiver down, kill senders and run several of them.
final class OutboxHarness: Sendable {
    /// What the receiver saw.
    final class Receiver: Sendable {
        /// Every delivery attempt that reached it, by message ID (before the inbox filters repeats).
        let posts = Mutex([UUID: Int]())
        /// Attempts of each message being handled right now, and the most there ever were at once.
        let inFlight = Mutex([UUID: (now: Int, most: Int)]())
        /// The messages applied, in arrival order, as (aggregate, sequence in the aggregate).
        let applied = Mutex([(aggregate: String, sequence: Int)]())

        var appliedCount: Int { applied.withLock { $0.count } }
    }

    /// A test fact: its aggregate's sequence number, and whether the receiver must refuse it.
    struct Fact: Codable, Sendable {
        let sequence: Int
        var isPoison = false
    }

    static let sender = "appeals"
    static let receiverName = "grants"
    static let factType = "appeals.test.happened"
    static let undeliverablePath = "/api/v1/grants/outbox/undeliverable"

    let temporary: TemporaryDatabase
    let database: Database
    let receiverPort: Int
    let receiver = Receiver()
    let policy: OutboxPolicy

    private init(temporary: TemporaryDatabase, database: Database, receiverPort: Int, policy: OutboxPolicy) {
        self.temporary = temporary
        self.database = database
        self.receiverPort = receiverPort
        self.policy = policy
    }

    /// Runs `body` with a migrated sender database of `kind` and a free port for the receiver.
    static func with(_ kind: DatabaseKind, _ body: (OutboxHarness) async throws -> Void) async throws {
        let temporary = try await TemporaryDatabase.create(kind)
        let database = try temporary.open()
        do {
            try await MigrationRunner(database: database, migrations: [Outbox.migration], logger: Logger(label: "test")).run()
            var policy = OutboxPolicy()
            policy.pollInterval = .milliseconds(20)
            policy.baseDelay = .milliseconds(20)
            policy.maximumDelay = .milliseconds(100)
            // Longer than any delivery takes on a loaded machine: a lapsed lease would send a message twice.
            policy.lease = .seconds(60)
            let harness = OutboxHarness(temporary: temporary, database: database, receiverPort: try await ServiceHarness.freeLoopbackPort(), policy: policy)
            try await body(harness)
            try await database.close()
            try await temporary.drop()
        } catch {
            try? await database.close()
            try? await temporary.drop()
            throw error
        }
    }

    /// Writes facts in one transaction, as a service writes them with its change.
    func enqueue(_ facts: [(aggregate: String, fact: Fact)]) async throws {
        let messages = try facts.map {
            try OutboxMessage(type: Self.factType, aggregate: $0.aggregate, receiver: Self.receiverName, payload: $0.fact)
        }
        try await database.transaction { session in
            try await Outbox(database: self.database).enqueue(messages, on: session)
        }
    }

    /// A delivery worker of a sender replica on `database` (another pool on the same database: another replica).
    func delivery(on database: Database? = nil, policy: OutboxPolicy? = nil) async -> (OutboxDelivery, ServiceClient) {
        // A delivery that times out is sent again while the first request may still be at the receiver: the
        // deadline is longer than a test waits, so that "never two at once" tests the claims, not the load.
        let client = ServiceClient(
            signer: await TestIdentities.serviceSigner(Self.sender),
            serviceURLs: [Self.receiverName: URL(string: "http://127.0.0.1:\(receiverPort)")!], timeout: .seconds(45)
        )
        let database = database ?? self.database
        let readiness = Readiness()
        readiness.markMigrated()
        let delivery = OutboxDelivery(
            store: OutboxStore(database: database), client: client, sender: Self.sender, signal: OutboxSignal(),
            policy: policy ?? self.policy, metrics: OutboxMetrics(registry: .init()), readiness: readiness,
            logger: Logger(label: "outbox-test")
        )
        return (delivery, client)
    }

    /// The receiving service on `receiverPort`, with its own database; run it with ``ServiceHarness/running(_:whenStopped:_:)``.
    func makeReceiver(database: TemporaryDatabase) async throws -> ServiceInstance {
        let receiver = self.receiver
        let definition = ServiceDefinition(service: PlatformService(name: Self.receiverName), migrations: []) { router, dependencies in
            router.add(middleware: CountingMiddleware(receiver: receiver))
            InboxRoutes(
                database: dependencies.database,
                handlers: [
                    InboxHandler(type: Self.factType, senders: [Self.sender]) { message, _ in
                        let fact = try message.decodePayload(as: Fact.self)
                        if fact.isPoison { throw ServiceError.unacceptableMessage("poison") }
                        receiver.applied.withLock { $0.append((message.aggregate, fact.sequence)) }
                    }
                ]
            ).register(on: router)
            UndeliverableMessagesRoutes(outbox: dependencies.outbox, path: Self.undeliverablePath).register(on: router)
        }
        return try await ServiceInstance.build(
            definition,
            reader: TestConfiguration.reader(
                service: Self.receiverName, database: database.settings, overrides: ["http.port": String(receiverPort)]
            ))
    }

    /// Waits until `condition` holds, for up to 30 s (a generous bound, not a timing assertion).
    func eventually(_ condition: @Sendable () async throws -> Bool) async throws -> Bool {
        for _ in 0..<1500 {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Messages in the sender's outbox by state.
    func states() async throws -> (delivered: Int, pending: Int, undeliverable: Int) {
        let row = try await database.sql.raw(
            """
            SELECT COUNT(delivered_at) AS delivered, COUNT(undeliverable_at) AS undeliverable, COUNT(*) AS total FROM outbox_messages
            """
        ).first()!
        let delivered = try row.decode(column: "delivered", as: Int.self)
        let undeliverable = try row.decode(column: "undeliverable", as: Int.self)
        return (delivered, try row.decode(column: "total", as: Int.self) - delivered - undeliverable, undeliverable)
    }
}

/// Counts delivery attempts by `Idempotency-Key` before the inbox sees them.
struct CountingMiddleware: RouterMiddleware {
    typealias Context = ServiceRequestContext
    let receiver: OutboxHarness.Receiver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path == InboxRoutes.path, let key = request.headers[.init("Idempotency-Key")!].flatMap(UUID.init(uuidString:)) else {
            return try await next(request, context)
        }
        receiver.posts.withLock { $0[key, default: 0] += 1 }
        receiver.inFlight.withLock { inFlight in
            let now = (inFlight[key]?.now ?? 0) + 1
            inFlight[key] = (now, max(now, inFlight[key]?.most ?? 0))
        }
        defer { receiver.inFlight.withLock { $0[key]?.now -= 1 } }
        return try await next(request, context)
    }
}
