import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// The answer log in open formats: the replay's chapters as WebVTT, read back by an independent library
/// (PyPI's `webvtt-py`), and the answered questions as CSV without who asked. Both databases.
@Suite struct OpenFormatTests {
    /// Reads a WebVTT track on standard input and prints its cues as JSON.
    static let script = #"""
        import sys, json, io, webvtt
        track = webvtt.from_buffer(io.StringIO(sys.stdin.read()))
        print(json.dumps([{"id": c.identifier, "start": c.start_in_seconds, "end": c.end_in_seconds, "text": c.text} for c in track.captions]))
        """#

    struct Cue: Decodable, Equatable {
        let id: String
        let start: Int
        let end: Int
        let text: String
    }

    @Test(arguments: TestDatabases.kinds)
    func chaptersFollowTheAnswersTimecodesAndTheCSVHoldsNoContact(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let episode = try await h.openEpisode("intake_open")
            let guest = try await h.confirmedGuest(episode)
            let first = try await h.askedQuestion(
                episode, "Can <b>my</b> pension & allowance\nbe cut --> while I work?",
                extra: ["name": "Айгүл Асанова", "phone": "+996 700 123 456", "email": "aigul@example.kg", "region": "KG-N"]
            ).question.id
            let second = try await h.askedQuestion(episode, "=HYPERLINK(\"x\"), who pays for school meals?").question.id
            try await h.goLiveAndAnswer(episode, [first, second])
            // Logged out of order; the track follows the recording. The second is approved, the first not yet.
            _ = try await h.approvedAnswer(.init(episode: episode, question: second, guest: guest), ["startSecond": 3_725, "endSecond": 3_800])
            _ = try await h.logAnswer(.init(episode: episode, question: first, guest: guest))

            let staff = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/chapters.vtt", as: BroadcastsHarness.coordinator)
            #expect(staff.status == .ok)
            #expect(staff.headers[.contentType] == "text/vtt; charset=utf-8")
            let outcome = try await ExternalCommand.run(["python3", "-c", Self.script], input: staff.text)
            try #require(outcome.status == 0, "python3 with webvtt-py (pip install webvtt-py): \(outcome.output)")
            let cues = try JSONDecoder().decode([Cue].self, from: Data(outcome.output.utf8))
            #expect(cues.map(\.start) == [754, 3_725])
            #expect(cues.map(\.end) == [900, 3_800])
            #expect(cues.map(\.id) == ["1", "2"])
            #expect(cues.first?.text == "Can &lt;b&gt;my&lt;/b&gt; pension &amp; allowance be cut --&gt; while I work?")
            // The public's track holds the approved answer only.
            let publicTrack = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/chapters.vtt").text
            #expect(publicTrack.components(separatedBy: " --> ").count == 2)
            #expect(publicTrack.contains("01:02:05.000 --> 01:03:20.000"))

            let csv = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/answers.csv", as: BroadcastsHarness.coordinator)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let text = csv.text
            let lines = text.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.first?.hasPrefix("question_id,source,appeal_id,region,topic,language,question,") == true)
            #expect(text.contains("Ombudsman of the Kyrgyz Republic"))
            #expect(text.contains("Law on State Pension Social Insurance, 12(3)"))
            // A formula is defused; quotes and line breaks stay inside their field.
            #expect(text.contains(#""'=HYPERLINK(""x""), who pays for school meals?""#))
            #expect(text.contains("\"Can <b>my</b> pension & allowance\nbe cut --> while I work?\""))
            // Never who asked or how to reach them.
            for contact in ["Айгүл", "700 123 456", "aigul@example.kg"] { #expect(!text.contains(contact)) }
            let publicCSV = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episode)/answers.csv").text
            #expect(publicCSV.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2)
        }
    }

    @Test func anEpisodeNotAnnouncedHasNoExportsForThePublic() async throws {
        try await BroadcastsHarness.with { h in
            let planned = try await h.createEpisode()
            for format in ["chapters.vtt", "answers.csv"] {
                #expect(try await h.send(.get, "/api/v1/broadcasts/episodes/\(planned)/\(format)").status == .notFound)
                #expect(try await h.send(.get, "/api/v1/broadcasts/episodes/\(planned)/\(format)", as: BroadcastsHarness.coordinator).status == .ok)
            }
        }
    }
}
