import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// Deadlines follow the service's clock: an appeal becomes overdue when the clock passes its due date, and
/// stops being overdue once closed, without any test waiting for time to pass.
@Suite struct AppealDeadlineTests {
    @Test(arguments: TestDatabases.kinds)
    func anAppealBecomesOverdueWhenTheClockPassesItsDeadline(kind: DatabaseKind) async throws {
        let received = Date(timeIntervalSince1970: 1_772_000_000) // 2026-02-25
        let clock = TestClock(received)
        try await AppealsHarness.with(kind, clock: clock.reading) { h in
            let admin = AppealsHarness.admin
            let id = try await h.submit().id

            func overdue() async throws -> (isOverdue: Bool?, listed: [String], count: Int?) {
                let appeal = try await h.send(.get, "/api/v1/appeals/\(id)", as: admin).decoded(as: AppealView.self)
                let list = try await h.send(.get, "/api/v1/appeals?overdue=true", as: admin).decoded(as: AppealList.self)
                return (appeal.isOverdue, list.items.map(\.id), list.overdueCount)
            }

            // Fourteen days to answer (APPEALS_RESPONSE_DAYS): a day before the deadline it is not overdue.
            clock.set(received.addingTimeInterval(13 * 86_400))
            let before = try await overdue()
            #expect(before.isOverdue == false)
            #expect(before.listed.isEmpty)
            #expect(before.count == 0)

            clock.set(received.addingTimeInterval(15 * 86_400))
            let after = try await overdue()
            #expect(after.isOverdue == true)
            #expect(after.listed == [id])
            #expect(after.count == 1)

            #expect(try await h.transition(id, to: "in_verification").status == .ok)
            #expect(
                try await h.change(
                    .post, id, "/verification",
                    json: ["sourcesChecked": ["school"], "evidenceNotes": "Seen.", "outcome": "confirmed"]
                ).status == .ok)
            #expect(try await h.transition(id, to: "verified").status == .ok)
            #expect(try await h.change(.post, id, "/responses", json: ["text": "Answered.", "channel": "written"]).status == .ok)
            #expect(try await h.transition(id, to: "closed").status == .ok)
            let closed = try await overdue()
            #expect(closed.isOverdue == false)
            #expect(closed.count == 0)
        }
    }
}
