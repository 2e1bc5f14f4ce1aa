import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import TestSupport
import Testing

/// Staff decisions on registrations and their attendance marks name the version they change (`If-Match`:
/// 428 without it, 412 when stale), and every change of a registration is kept in its history: who
/// registered, decided, checked in and marked it, and the waitlist's moves. Both databases.
@Suite struct RegistrationHistoryTests {
    struct HistoryView: Decodable {
        let entries: [Entry]

        struct Entry: Decodable, Equatable {
            let actor: String
            let action: String
            let from: String?
            let to: String?
            let attendance: String?
            let method: String?
        }
    }

    static let staff = TestIdentity.principal([.coordinator], subject: "0190a000-0000-7000-8000-0000000000c1")

    static func history(_ h: EventsHarness, _ path: String) async throws -> [HistoryView.Entry] {
        let response = try await h.send(.get, path + "/history", as: staff)
        guard response.status == .ok else { throw HarnessError("history refused: \(response.status) \(response.text)") }
        return try response.decoded(as: HistoryView.self).entries
    }

    @Test(arguments: TestDatabases.kinds)
    func decisionsAndMarksNeedTheCurrentVersionAndEachIsKept(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent(capacity: 1, moderated: true)
            let first = try await h.register(event.id, name: "First")
            let second = try await h.register(event.id, name: "Second")
            let list = "/api/v1/events/\(event.id)/registrations"
            let firstPath = "\(list)/\(first.id)"
            let secondPath = "\(list)/\(second.id)"
            let read = try await h.send(.get, firstPath, as: Self.staff)
            #expect(read.headers[.eTag] == "\"1\"")
            #expect(try await h.registrations(event.id).map(\.version) == [1, 1])

            func decide(_ path: String, _ decision: String, ifMatch: String?) async throws -> TestResponse {
                var headers: HTTPFields = [:]
                if let ifMatch { headers[.ifMatch] = ifMatch }
                return try await h.send(.post, path + "/decision", as: Self.staff, json: ["decision": decision], headers: headers)
            }
            #expect(try await decide(firstPath, "confirm", ifMatch: nil).status == .preconditionRequired)
            #expect(try await decide(firstPath, "confirm", ifMatch: "\"7\"").status == .preconditionFailed)
            let confirmed = try await decide(firstPath, "confirm", ifMatch: "\"1\"")
            #expect(confirmed.status == .ok)
            #expect(confirmed.headers[.eTag] == "\"2\"")
            // A second editor who read version 1 cannot reject over the confirmation unseen.
            #expect(try await decide(firstPath, "reject", ifMatch: "\"1\"").status == .preconditionFailed)
            #expect(try await h.send(.get, firstPath, as: Self.staff).decoded(as: RegistrationView.self).status == "confirmed")
            #expect(try await decide(firstPath, "reject", ifMatch: "\"2\"").status == .ok)

            let staff = Self.staff.subject!
            #expect(
                try await Self.history(h, firstPath) == [
                    .init(actor: "registrant", action: "registered", from: nil, to: "pending", attendance: nil, method: nil),
                    .init(actor: staff, action: "decided", from: "pending", to: "confirmed", attendance: nil, method: nil),
                    .init(actor: staff, action: "decided", from: "confirmed", to: "rejected", attendance: nil, method: nil),
                ])
            // The rejection freed the place: the waitlist moved the second up, and says so.
            #expect(
                try await Self.history(h, secondPath) == [
                    .init(actor: "registrant", action: "registered", from: nil, to: "waitlisted", attendance: nil, method: nil),
                    .init(actor: "waitlist", action: "promoted", from: "waitlisted", to: "pending", attendance: nil, method: nil),
                ])
            #expect(try await h.changeResource(.post, secondPath, "/decision", as: Self.staff, json: ["decision": "confirm"]).status == .ok)
            let checkIn = try await h.send(.post, "/api/v1/events/\(event.id)/check-ins", as: Self.staff, json: ["code": second.registrationCode!])
            #expect(checkIn.status == .ok)

            // After the event: a mark needs the version too.
            for status in ["registration_closed", "held"] { try #require(try await h.transition(event.id, to: status).status == .ok) }
            let mark = secondPath + "/attendance"
            #expect(try await h.send(.put, mark, as: Self.staff, json: ["attendance": "no_show"]).status == .preconditionRequired)
            let stale = try await h.send(.put, mark, as: Self.staff, json: ["attendance": "no_show"], headers: [.ifMatch: "\"1\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try await h.send(.get, secondPath, as: Self.staff).decoded(as: RegistrationView.self).attendance == "attended")
            let marked = try await h.changeResource(.put, secondPath, "/attendance", as: Self.staff, json: ["attendance": "no_show"])
            #expect(try marked.decoded(as: RegistrationView.self).attendance == "no_show")
            #expect(
                try await Self.history(h, secondPath).suffix(3) == [
                    .init(actor: staff, action: "decided", from: "pending", to: "confirmed", attendance: nil, method: nil),
                    .init(actor: staff, action: "checked_in", from: nil, to: nil, attendance: "attended", method: "code"),
                    .init(actor: staff, action: "attendance", from: nil, to: nil, attendance: "no_show", method: "staff"),
                ])
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func withdrawalsWalkInsAndPaperSheetsAreKeptAndOnlyThoseWhoRunTheEventReadThem(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent()
            let list = "/api/v1/events/\(event.id)/registrations"
            let leaving = try await h.register(event.id, name: "Leaving")
            let staying = try await h.register(event.id, name: "Staying")
            #expect(try await h.send(.post, "/api/v1/events/registrations/withdraw", json: ["code": leaving.registrationCode!]).status == .ok)
            #expect(try await Self.history(h, "\(list)/\(leaving.id)").map(\.action) == ["registered", "withdrawn"])
            #expect(try await Self.history(h, "\(list)/\(leaving.id)").last?.actor == "registrant")

            let walkIn = try await h.send(.post, "/api/v1/events/\(event.id)/walk-ins", as: Self.staff, json: [:])
            let walkedIn = try walkIn.decoded(as: RegistrationView.self)
            #expect(
                try await Self.history(h, "\(list)/\(walkedIn.id)") == [
                    .init(actor: Self.staff.subject!, action: "walked_in", from: nil, to: "confirmed", attendance: "attended", method: "walk_in")
                ])

            for status in ["registration_closed", "held"] { try #require(try await h.transition(event.id, to: status).status == .ok) }
            let headers: HTTPFields = [.contentType: "text/csv"]
            let sheet = try await h.service.send(
                .post, "/api/v1/events/\(event.id)/attendance-sheet", as: Self.staff, headers: headers,
                body: ByteBuffer(string: "code,attendance\n\(staying.registrationCode!),attended\n"))
            #expect(sheet.status == .ok)
            #expect(
                try await Self.history(h, "\(list)/\(staying.id)").last
                    == .init(
                        actor: Self.staff.subject!, action: "attendance", from: nil, to: nil, attendance: "attended", method: "sheet"))

            let path = "\(list)/\(staying.id)/history"
            #expect(try await h.send(.get, path).status == .unauthorized)
            #expect(try await h.send(.get, path, as: .principal([.journalist])).status == .forbidden)
            #expect(try await h.send(.get, "\(list)/\(UUID())/history", as: Self.staff).status == .notFound)
        }
    }
}
