import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Models
import NIOCore
import Persistence
import ServiceKit
import TestSupport
import Testing

@testable import Appeals

/// The intake and the workflow are the only ways an appeal is created and changed; they are used here
/// directly, without a controller, as every controller (JSON API, Open311, publications) uses them.
@Suite struct AppealWorkflowTests {
    /// The parts of the service the tests drive, on the running service's database.
    struct Parts {
        let intake: AppealIntake
        let workflow: AppealWorkflow
        let history: HistoryRepository

        init(_ database: Database, settings: AppealsSettings, now: @escaping @Sendable () -> Date = { Date() }) {
            let appeals = AppealRepository(database: database, cipher: settings.cipher)
            history = HistoryRepository(database: database)
            let thesaurus = ThesaurusRepository(database: database)
            intake = AppealIntake(appeals: appeals, history: history, thesaurus: thesaurus, settings: settings, now: now)
            workflow = AppealWorkflow(
                appeals: appeals, history: history, records: CaseRecordRepository(database: database),
                publications: PublicationRepository(database: database),
                facts: AppealFacts(outbox: Outbox(database: database)) { _ in [] }, publishedPages: EncodedResponseCache(lifetime: 2), now: now
            )
        }
    }

    static let coordinator = Principal(subject: "coordinator-1", roles: [.coordinator])

    static let newAppeal = NewAppeal(
        channel: .web, regionCode: .naryn, locality: "At-Bashy", categoryCode: "education", language: .kyrgyz,
        description: "The local school refuses to enrol my daughter.", submitter: nil,
        consent: .init(contact: false, publication: true)
    )

    /// A request carrying only `If-Match`, as a controller passes it on.
    static func ifMatch(_ eTag: String) -> Request {
        Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "appeals", path: "/", headerFields: [.ifMatch: eTag]),
            body: RequestBody(buffer: ByteBuffer()))
    }

    @Test(arguments: TestDatabases.kinds)
    func aChangeIsSavedWithItsHistoryAtTheNextVersionAndAFailedOneLeavesNothing(kind: DatabaseKind) async throws {
        try await AppealsHarness.with(kind) { h in
            let settings = try AppealsSettings(reader: TestConfiguration.reader(for: AppealsService.definition, database: h.appealsDatabase))
            try await AppealSpecialCategoryTests.withDatabase(h) { database in
                let parts = Parts(database, settings: settings)
                let receipt = try await parts.intake.submit(Self.newAppeal, by: nil)
                #expect(try await parts.history.entries(for: receipt.id).map(\.action) == [.submitted])

                let caller = try await parts.workflow.authorize(Self.coordinator, appealID: receipt.id)
                let moved = try await parts.workflow.transition(
                    caller, ifMatch: Self.ifMatch(caller.appeal.eTag),
                    AppealTransition(to: .inVerification, note: nil, publicNote: "We are checking the facts.", reason: nil, duplicateOf: nil)
                )
                #expect(moved.appeal.version == 2)
                #expect(moved.appeal.status == .inVerification)
                #expect(try await parts.history.entries(for: receipt.id).map(\.action) == [.submitted, .transition, .publicNote])

                // The reply's own row fails inside the transaction: neither the appeal nor its history moves.
                let again = try await parts.workflow.authorize(Self.coordinator, appealID: receipt.id)
                let unrecordable = await #expect(throws: ServiceError.self) {
                    try await parts.workflow.recordReply(again, ifMatch: Self.ifMatch(again.appeal.eTag), to: UUID(), ReferralReply(reply: "Done."))
                }
                #expect(unrecordable?.code == ServiceError.replyNotRecordable.code)
                let after = try await parts.workflow.authorize(Self.coordinator, appealID: receipt.id)
                #expect(after.appeal.version == 2)
                #expect(try await parts.history.entries(for: receipt.id).count == 3)

                // An edit made on the version before is refused, not applied over the newer one.
                let stale = await #expect(throws: ServiceError.self) {
                    try await parts.workflow.assign(after, ifMatch: Self.ifMatch("\"1\""), AppealAssignment(verifier: "v-1", legalExpert: nil))
                }
                #expect(stale?.code == ServiceError.staleVersion.code)
            }
        }
    }

    @Test func theIntakeRefusesAnInvalidAppealWithEveryProblemAtOnce() async throws {
        try await AppealsHarness.with { h in
            let settings = try AppealsSettings(reader: TestConfiguration.reader(for: AppealsService.definition, database: h.appealsDatabase))
            try await AppealSpecialCategoryTests.withDatabase(h) { database in
                let parts = Parts(database, settings: settings)
                let invalid = NewAppeal(
                    channel: .web, regionCode: .naryn, locality: nil, categoryCode: "no_such_category", language: .kyrgyz, description: " ",
                    submitter: Submitter(phone: "call me", gender: "f"), consent: .init(contact: false, publication: false)
                )
                let refusal = await #expect(throws: ServiceError.self) { try await parts.intake.submit(invalid, by: nil) }
                #expect(refusal?.code == "validation_failed")
                #expect(Set(refusal?.fieldErrors?.keys.map { $0 } ?? []) == ["description", "categoryCode", "submitter.phone", "submitter.gender"])
            }
        }
    }
}
