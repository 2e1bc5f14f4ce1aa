import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import Testing
import TestSupport

/// Deadlines follow the service's clock: an appeal becomes overdue when the clock passes its due date, and
/// stops being overdue once closed, without any test waiting for time to pass.
@Suite struct AppealDeadlineTests {
    @Test(arguments: TestDatabases.kinds)
    func anAppealBecomesOverdueWhenTheClockPassesItsDeadline(kind: DatabaseKind) async throws {
        let received = Date(timeIntervalSince1970: 1_772_000_000)  // 2026-02-25
        let clock = TestClock(received)
        try await AppealsHarness.with(kind, clock: { clock.now }) { h in
            let admin = try await h.token()
            let id = try #require(try await h.send(.post, "/api/v1/appeals", json: AppealsHarness.submission()).json?["id"] as? String)

            func overdue() async throws -> (isOverdue: Bool?, listed: [String], count: Int?) {
                let appeal = try await h.send(.get, "/api/v1/appeals/\(id)", token: admin).json
                let list = try await h.send(.get, "/api/v1/appeals?overdue=true", token: admin).json
                let listed = (list?["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                return (appeal?["isOverdue"] as? Bool, listed, list?["overdueCount"] as? Int)
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

            #expect(try await h.transition(id, to: "in_verification", token: admin).status == .ok)
            #expect(try await h.change(.post, id, "/verification", token: admin,
                                       json: ["sourcesChecked": ["school"], "evidenceNotes": "Seen.", "outcome": "confirmed"]).status == .ok)
            #expect(try await h.transition(id, to: "verified", token: admin).status == .ok)
            #expect(try await h.change(.post, id, "/responses", token: admin, json: ["text": "Answered.", "channel": "written"]).status == .ok)
            #expect(try await h.transition(id, to: "closed", token: admin).status == .ok)
            let closed = try await overdue()
            #expect(closed.isOverdue == false)
            #expect(closed.count == 0)
        }
    }
}
