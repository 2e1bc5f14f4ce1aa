import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import NIOCore
import Persistence
import TestSupport
import Testing

/// Attendance: check-in at the door by code, by the receipt's signed QR pass, or as a walk-in; marks after
/// the event, one by one or from a paper sheet that is applied whole or not at all; and the public list
/// shows only those who agreed.
@Suite struct AttendanceTests {
    @Test(arguments: TestDatabases.kinds)
    func peopleCheckInByCodeByPassOrAsWalkIns(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent(capacity: 2)
            let shown = try await h.register(event.id, name: "Aizada Shown", extra: ["showAttendance": true])
            let hidden = try await h.register(event.id, name: "Bakyt Hidden")
            let waiting = try await h.register(event.id, name: "Chynara Waiting")
            let path = "/api/v1/events/\(event.id)/check-ins"
            func checkIn(_ body: [String: Any], as caller: TestIdentity = EventsHarness.coordinator) async throws -> TestResponse {
                try await h.send(.post, path, as: caller, json: body)
            }

            let byCode = try await checkIn(["code": shown.registrationCode!.lowercased()])
            let checked = try byCode.decoded(as: RegistrationView.self)
            #expect((checked.attendance, checked.checkInMethod) == ("attended", "code"))
            // A second scan at the door changes nothing.
            #expect(try await checkIn(["pass": shown.checkInPass!]).decoded(as: RegistrationView.self).checkInMethod == "code")
            let byPass = try await checkIn(["pass": hidden.checkInPass!]).decoded(as: RegistrationView.self)
            #expect((byPass.attendance, byPass.checkInMethod) == ("attended", "qr"))

            // A pass altered by one character, or signed for another event, is not a pass.
            // (The signature's first character: the last one of base64 carries bits a decoder may ignore.)
            let parts = hidden.checkInPass!.split(separator: ".").map(String.init)
            let signature = parts[3]
            let forged = parts.prefix(3).joined(separator: ".") + "." + (signature.hasPrefix("A") ? "B" : "A") + signature.dropFirst()
            #expect(try await checkIn(["pass": forged]).problemCode == "invalid_check_in_pass")
            let other = try await h.openEvent()
            let elsewhere = try await h.register(other.id, name: "Elsewhere")
            #expect(try await checkIn(["pass": elsewhere.checkInPass!]).problemCode == "invalid_check_in_pass")
            #expect(try await checkIn(["code": elsewhere.registrationCode!]).status == .notFound)
            #expect(try await checkIn(["code": waiting.registrationCode!]).problemCode == "registration_not_confirmed")
            #expect(try await checkIn([:]).status == .unprocessableContent)
            #expect(try await checkIn(["code": shown.registrationCode!], as: .principal([.journalist])).status == .forbidden)

            let walkIn = try await h.send(
                .post, "/api/v1/events/\(event.id)/walk-ins", as: EventsHarness.coordinator, json: ["sex": "female", "consent": ["sex": true]])
            #expect(walkIn.status == .created)
            let walked = try walkIn.decoded(as: RegistrationView.self)
            #expect((walked.kind, walked.status, walked.attendance, walked.checkInMethod) == ("walk_in", "confirmed", "attended", "walk_in"))
            #expect(walked.participant.name == nil)
            #expect(walked.participant.sex == "female")
            // Walk-ins take no registered place.
            #expect(try await h.summary(event.id).placesTaken == 2)

            struct Attendees: Decodable {
                let attended: Int
                let listed: [[String: String]]
            }
            let attendees = try await h.send(.get, "/api/v1/events/\(event.id)/attendees")
            #expect(try attendees.decoded(as: Attendees.self).attended == 3)
            #expect(try attendees.decoded(as: Attendees.self).listed == [["name": "Aizada Shown"]])
            #expect(!attendees.text.contains("Bakyt"))

            // "No show" is for after the event.
            let early = try await h.changeResource(
                .put, "/api/v1/events/\(event.id)/registrations/\(waiting.id)", "/attendance", json: ["attendance": "no_show"])
            #expect(early.problemCode == "attendance_not_open")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aPaperSheetIsAppliedWholeOrNotAtAllWithEachBadLineNamed(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent()
            var codes: [String] = []
            for name in ["Asel", "Bolot", "Cholpon", "Daniyar"] { codes.append(try await h.register(event.id, name: name).registrationCode!) }
            let sheetPath = "/api/v1/events/\(event.id)/attendance-sheet"
            func upload(_ text: String, type: String = "text/csv") async throws -> TestResponse {
                try await h.service.send(
                    .post, sheetPath, as: EventsHarness.coordinator, headers: [.contentType: type], body: ByteBuffer(string: text))
            }
            let before = try await upload("code,attendance\r\n\(codes[0]),attended\r\n")
            #expect(before.problemCode == "attendance_not_open")
            #expect(try await h.transition(event.id, to: "registration_closed").status == .ok)
            #expect(try await h.transition(event.id, to: "held").status == .ok)

            let wrong = try await upload(
                """
                Name,Code,Attendance
                "Asel, from Naryn",\(codes[0]),attended
                Unknown,ZZZZ-ZZZZ,attended
                Bolot,\(codes[1]),maybe
                Asel again,\(codes[0].lowercased()),no_show
                Cholpon,\(codes[2]),no_show

                """)
            #expect(wrong.status == .unprocessableContent)
            #expect(
                wrong.problem?.errors == [
                    "line 3": "no registration of this event has this code", "line 4": "attendance must be one of attended, no_show",
                    "line 5": "repeats the code of line 2",
                ])
            let repeated = try await upload("code,attendance\n\(codes[0]),attended\n\(codes[0]),no_show\n")
            #expect(repeated.problem?.errors == ["line 3": "repeats the code of line 2"])
            #expect(try await h.registrations(event.id).allSatisfy { $0.attendance == nil })

            let applied = try await upload("code,attendance\n\"\(codes[0])\",attended\n\(codes[1]),ATTENDED\n\(codes[2]),no_show\n")
            #expect(applied.status == .ok)
            #expect(applied.text.contains(#""attended":2"#))
            let marked = try await h.registrations(event.id)
            #expect(marked.map(\.attendance) == ["attended", "attended", "no_show", nil])
            #expect(marked.map(\.checkInMethod) == ["sheet", "sheet", nil, nil])
            let one = try await h.changeResource(
                .put, "/api/v1/events/\(event.id)/registrations/\(marked[3].id)", "/attendance", json: ["attendance": "no_show"])
            #expect(try one.decoded(as: RegistrationView.self).attendance == "no_show")

            #expect(try await upload("code,attendance\n", type: "application/json").status == .unsupportedMediaType)
            #expect(try await upload("code\n\(codes[0])\n").problem?.errors == ["line 1": "must name the columns code and attendance"])
            #expect(try await upload("code,attendance\n\"\(codes[0]),attended\n").problem?.errors?["line 2"] == "a quoted field is not closed")
            let tooLarge = String(repeating: "\(codes[0]),attended\n", count: 4_000)
            #expect(try await upload("code,attendance\n" + tooLarge).status == .contentTooLarge)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func theExportHoldsPersonalDataOnlyForThoseWhoRunTheEvent(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent()
            try await h.register(event.id, name: "=HYPERLINK(\"http://x\")", extra: ["phone": "+996 700 000 001"])
            try await h.register(event.id, name: "Nurbek, Jr.", extra: ["sex": "male", "consent": ["sex": true]])
            let path = "/api/v1/events/\(event.id)/registrations.csv"
            let full = try await h.send(.get, path, as: EventsHarness.coordinator)
            #expect(full.status == .ok)
            #expect(full.headers[.contentType]?.hasPrefix("text/csv") == true)
            let lines = full.text.components(separatedBy: "\r\n")
            let header = "sequence,kind,status,attendance,checked_in_at,check_in_method,registered_at,"
            #expect(lines[0] == header + "name,phone,email,sex,age_band,vulnerable_groups,stakeholder_type,show_attendance")
            #expect(lines[1].contains(#""'=HYPERLINK(""http://x"")""#))
            #expect(lines[1].contains("+996 700 000 001"))
            #expect(lines[2].contains(#""Nurbek, Jr.""#))
            #expect(lines[2].contains(",male,"))

            let shareable = try await h.send(.get, path + "?personalData=false", as: EventsHarness.coordinator)
            let partner = try await h.send(.get, path, as: .partner(organizationID: UUID()))
            for response in [shareable, partner] {
                #expect(response.status == .ok)
                #expect(response.text.hasPrefix("sequence,kind,status,attendance,checked_in_at,check_in_method,registered_at\r\n"))
                #expect(!response.text.contains("Nurbek"))
                #expect(!response.text.contains("+996"))
                #expect(!response.text.contains("male"))
            }
            #expect(try await h.send(.get, path, as: .principal([.journalist])).status == .forbidden)
            #expect(try await h.send(.get, path).status == .unauthorized)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aDoubleTapOnAWalkInCountsOnePerson(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent()
            let path = "/api/v1/events/\(event.id)/walk-ins"
            func walkIn(key: String) async throws -> TestResponse {
                try await h.send(
                    .post, path, as: EventsHarness.coordinator, json: ["name": "Walk-in Person"], headers: [HTTPField.Name("Idempotency-Key")!: key])
            }
            let first = try await walkIn(key: "door-1")
            #expect(first.status == .created)
            let walked = try first.decoded(as: RegistrationView.self)
            #expect(walked.participant.name == "Walk-in Person")
            let again = try await walkIn(key: "door-1")
            #expect(again.status == .created)
            #expect(again.headers[HTTPField.Name("Idempotent-Replayed")!] == "true")
            // The same walk-in, without the person's data (it is never kept unsealed for a replay).
            #expect(again.text.contains(walked.id))
            #expect(!again.text.contains("Walk-in Person"))
            struct Attendees: Decodable { let attended: Int }
            #expect(try await h.send(.get, "/api/v1/events/\(event.id)/attendees", as: EventsHarness.coordinator).decoded(as: Attendees.self).attended == 1)
            // Another key is another person.
            #expect(try await walkIn(key: "door-2").status == .created)
            #expect(try await h.send(.get, "/api/v1/events/\(event.id)/attendees", as: EventsHarness.coordinator).decoded(as: Attendees.self).attended == 2)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func ofSimultaneousCheckInsOfOnePersonExactlyOneChecksThemIn(kind: DatabaseKind) async throws {
        try await EventsHarness.with(kind) { h in
            let event = try await h.openEvent()
            let person = try await h.register(event.id, name: "Dinara Doors")
            let path = "/api/v1/events/\(event.id)/check-ins"
            let doors = 8
            let answers = try await withThrowingTaskGroup(of: RegistrationView.self) { group in
                for door in 0..<doors {
                    let proof = door.isMultiple(of: 2) ? ["code": person.registrationCode!] : ["pass": person.checkInPass!]
                    group.addTask { try await h.send(.post, path, as: EventsHarness.coordinator, json: proof).decoded(as: RegistrationView.self) }
                }
                return try await group.reduce(into: [RegistrationView]()) { $0.append($1) }
            }
            #expect(answers.count == doors)
            #expect(answers.filter { $0.alreadyCheckedIn == false }.count == 1)
            #expect(answers.filter { $0.alreadyCheckedIn == true }.count == doors - 1)
            #expect(answers.allSatisfy { $0.attendance == "attended" })
            struct History: Decodable {
                struct Entry: Decodable { let action: String }
                let entries: [Entry]
            }
            let registration = try #require(answers.first).id
            let history = try await h.send(.get, "/api/v1/events/\(event.id)/registrations/\(registration)/history", as: EventsHarness.coordinator)
                .decoded(as: History.self)
            #expect(history.entries.filter { $0.action == "checked_in" }.count == 1)
        }
    }
}
