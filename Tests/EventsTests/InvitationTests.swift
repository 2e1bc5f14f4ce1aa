import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Invitations to duty-bearers and speakers: answers recorded by staff with history, moves the table
/// allows, and "officials who came" as a number.
@Suite struct InvitationTests {
    struct InvitationView: Decodable {
        let id: String
        let inviteeName: String?
        let organizationId: String?
        let role: String
        let rsvp: String
        let attendance: String?
        let history: [Entry]?

        struct Entry: Decodable {
            let action: String
            let from: String?
            let to: String?
            let note: String?
        }
    }

    struct CountsView: Decodable {
        let invited: Int
        let byRole: [String: [String: Int]]
        let officialsInvited: Int
        let officialsAccepted: Int
        let officialsAttended: Int
    }

    @Test(arguments: TestDatabases.kinds)
    func officialsAreInvitedAnswerAndTheOnesWhoCameAreCounted(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.create()
            let path = "/api/v1/events/\(event.id)/invitations"
            let ministry = UUID().uuidString.lowercased()
            func invite(_ fields: [String: Any]) async throws -> InvitationView {
                let response = try await h.send(.post, path, as: EventsHarness.coordinator, json: fields)
                guard response.status == .created else { throw HarnessError("invitation refused: \(response.text)") }
                // The version to name in the first RSVP comes with the invitation, as with every other record.
                #expect(response.headers[.eTag] == "\"1\"")
                return try response.decoded()
            }
            let minister = try await invite(["inviteeName": "Deputy Minister of Water", "organizationId": ministry, "role": "official"])
            let akim = try await invite(["inviteeName": "Akim of At-Bashy", "role": "official"])
            let ombudsman = try await invite(["organizationId": UUID().uuidString, "role": "speaker"])
            #expect(minister.rsvp == "sent")
            #expect(minister.organizationId?.lowercased() == ministry)
            let empty = try await h.send(.post, path, as: EventsHarness.coordinator, json: ["role": "official"])
            #expect(empty.problem?.errors?["inviteeName"] == "is required when no organizationId is given")
            #expect(try await h.send(.post, path, as: EventsHarness.coordinator, json: ["inviteeName": "X", "role": "chair"]).status == .unprocessableContent)

            // Every change names the version it was made on, as the invitation's ETag gives it.
            func changed(_ method: HTTPRequest.Method, _ id: String, _ suffix: String, json: [String: Any]) async throws -> TestResponse {
                let current = try await h.send(.get, "\(path)/\(id)", as: EventsHarness.coordinator)
                let tag = try #require(current.headers[.eTag])
                return try await h.send(method, "\(path)/\(id)/\(suffix)", as: EventsHarness.coordinator, json: json, headers: [.ifMatch: tag])
            }
            func rsvp(_ id: String, _ answer: String, note: String? = nil) async throws -> TestResponse {
                var body: [String: Any] = ["rsvp": answer]
                body["note"] = note
                return try await changed(.post, id, "rsvp", json: body)
            }
            let unversioned = try await h.send(.post, "\(path)/\(minister.id)/rsvp", as: EventsHarness.coordinator, json: ["rsvp": "accepted"])
            #expect(unversioned.status == .preconditionRequired)
            #expect(try await rsvp(minister.id, "accepted", note: "By phone").status == .ok)
            #expect(try await rsvp(akim.id, "no_response").status == .ok)
            #expect(try await rsvp(ombudsman.id, "declined").status == .ok)
            let illegal = try await rsvp(minister.id, "no_response")
            #expect(illegal.problemCode == "illegal_rsvp")
            #expect(illegal.problem?.detail == "An invitation that is accepted can move to: declined.")
            #expect(try await rsvp(akim.id, "sent").status == .unprocessableContent)
            #expect(try await rsvp(akim.id, "accepted").status == .ok)
            // An answer recorded on a version someone else already changed is refused, and nothing changes.
            let stale = try await h.send(
                .post, "\(path)/\(akim.id)/rsvp", as: EventsHarness.coordinator, json: ["rsvp": "declined"], headers: [.ifMatch: "\"2\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try await h.send(.get, "\(path)/\(akim.id)", as: EventsHarness.coordinator).decoded(as: InvitationView.self).rsvp == "accepted")

            let read = try await h.send(.get, "\(path)/\(minister.id)", as: EventsHarness.coordinator).decoded(as: InvitationView.self)
            #expect(read.history?.map(\.action) == ["invited", "rsvp"])
            #expect(read.history?.last?.from == "sent")
            #expect(read.history?.last?.to == "accepted")
            #expect(read.history?.last?.note == "By phone")

            // Attendance is taken on the day: not while the event is only a draft.
            let early = try await changed(.put, minister.id, "attendance", json: ["attendance": "attended"])
            #expect(early.problemCode == "attendance_not_open")
            try await h.advance(event.id, to: "held")
            for (id, attendance) in [(minister.id, "attended"), (akim.id, "no_show"), (ombudsman.id, "no_show")] {
                let marked = try await changed(.put, id, "attendance", json: ["attendance": attendance])
                #expect(marked.status == .ok)
            }
            let unmarked = try await h.send(.put, "\(path)/\(akim.id)/attendance", as: EventsHarness.coordinator, json: ["attendance": "attended"])
            #expect(unmarked.status == .preconditionRequired)
            let staleMark = try await h.send(
                .put, "\(path)/\(akim.id)/attendance", as: EventsHarness.coordinator, json: ["attendance": "attended"], headers: [.ifMatch: "\"1\""])
            #expect(staleMark.status == .preconditionFailed)
            let counts = try await h.send(.get, "\(path)/summary").decoded(as: CountsView.self)
            #expect(counts.invited == 3)
            #expect((counts.officialsInvited, counts.officialsAccepted, counts.officialsAttended) == (2, 2, 1))
            #expect(counts.byRole["speaker"] == ["declined": 1])
            let listed = try await h.send(.get, "\(path)?limit=2", as: EventsHarness.coordinator)
            #expect(listed.status == .ok)
            #expect(!(try await h.send(.get, "\(path)/summary").text.contains("Deputy Minister")))
        }
    }

    @Test func onlyThoseWhoRunTheEventInviteAndReadInvitations() async throws {
        try await EventsHarness.with { h in
            let event = try await h.create()
            try await h.advance(event.id, to: "published")
            let path = "/api/v1/events/\(event.id)/invitations"
            let body: [String: Any] = ["inviteeName": "Akim", "role": "official"]
            #expect(try await h.send(.post, path, json: body).status == .unauthorized)
            #expect(try await h.send(.post, path, as: .principal([.journalist]), json: body).status == .forbidden)
            #expect(try await h.send(.get, path, as: .principal([.stakeholder])).status == .forbidden)
            #expect(try await h.send(.get, "\(path)/summary", as: .principal([.stakeholder])).status == .ok)
            #expect(try await h.send(.get, "\(path)/\(UUID())", as: EventsHarness.coordinator).status == .notFound)
        }
    }
}
