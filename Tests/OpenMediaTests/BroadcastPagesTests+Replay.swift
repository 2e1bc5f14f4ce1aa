import Foundation
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// The replay page of a published episode, through the gateway.
extension BroadcastPagesTests {
    /// A published episode's replay lists the answered question with the approved summary, who answered, the legal
    /// reference and a link into the recording at the answer's start, with the chapters and the CSV; an answer still
    /// in review is not shown; an episode not yet published has no replay page.
    @Test(arguments: TestDatabases.kinds)
    func theReplayListsApprovedAnswersWithJumpLinksIntoTheRecording(kind: DatabaseKind) async throws {
        try await BroadcastPages.with(kind) { site in
            let api = site.api
            let admin = try await api.token()
            let episode = try await site.openEpisode(admin: admin)
            let path = "/api/v1/broadcasts/episodes/\(episode)"
            let guest = try await api.expect(
                .created, .post, path + "/guests", token: admin,
                json: ["kind": "person", "name": "Атыр Абдрахматова", "role": "ombudsman", "status": "confirmed", "consentToRecording": true],
                ifMatchOf: path)
            var questions: [String] = []
            for text in ["Положена ли мне пенсия по инвалидности?", "Куда жаловаться на <школу>?"] {
                let asked = try await api.send(.post, "/api/v1/broadcasts/questions", json: ["episodeId": episode, "text": text, "language": "ru"])
                questions.append(try asked.decoded(as: Receipt.self).question.id.lowercased())
            }
            try await site.move(episode, to: "live", admin: admin)
            for question in questions {
                try await site.moveQuestion(question, of: episode, through: ["approved", "queued", "on_air", "answered"], admin: admin)
            }
            try await site.move(episode, to: "ended", admin: admin)
            #expect(try await PageVisitor(site.gateway).open("/broadcasts/episodes/\(episode)/replay").status == .notFound, "not published")
            try await api.expect(.ok, .patch, path, token: admin, json: ["replayUrl": "https://media.example.kg/ep/7"], ifMatchOf: path)
            try await site.move(episode, to: "published", admin: admin)
            var answers: [String] = []
            for (question, start) in zip(questions, [754, 3_725]) {
                answers.append(
                    try await api.expect(
                        .created, .post, path + "/answers", token: admin,
                        json: [
                            "questionId": question, "startSecond": start, "endSecond": start + 100, "guestId": guest, "adviceType": "legal_opinion",
                            "summary": ["ru": "Пенсия положена при стаже от пяти лет."],
                            "legalReferences": [["law": "Закон о государственном пенсионном обеспечении", "article": "12"]],
                        ]))
            }
            // Only the first answer passes legal review; the second waits.
            let first = "/api/v1/broadcasts/answers/\(answers[0])"
            for status in ["legal_review", "approved"] {
                try await api.expect(.ok, .post, first + "/transitions", token: admin, json: ["to": status], ifMatchOf: first)
            }

            let visitor = PageVisitor(site.gateway)
            let episodePage = try await visitor.open("/broadcasts/episodes/\(episode)?lang=ru")
            #expect(episodePage.text.contains(#"href="/broadcasts/episodes/\#(episode)/replay""#))
            let replay = try await visitor.open("/broadcasts/episodes/\(episode)/replay?lang=ru")
            #expect(replay.status == .ok)
            #expect(replay.text.contains("Положена ли мне пенсия по инвалидности?") && replay.text.contains("Пенсия положена при стаже от пяти лет."))
            #expect(replay.text.contains("Атыр Абдрахматова (Омбудсмен)") && replay.text.contains("Юридическое мнение"))
            #expect(replay.text.contains("Закон о государственном пенсионном обеспечении, статья 12"))
            #expect(replay.text.contains(#"href="https://media.example.kg/ep/7#t=754""#) && replay.text.contains("12:34"))
            #expect(!replay.text.contains("&lt;школу&gt;") && !replay.text.contains("#t=3725"), "an answer in review is not public")
            #expect(replay.text.contains(#"href="\#(path)/chapters.vtt""#) && replay.text.contains(#"href="\#(path)/answers.csv""#))
            let kyrgyz = try await visitor.open("/broadcasts/episodes/\(episode)/replay?lang=ky")
            #expect(kyrgyz.text.contains("Юридикалык пикир") && kyrgyz.text.contains(#"<p class="text" lang="ru">"#), "the Russian summary is marked")
            #expect(kyrgyz.text.contains(#"<h3 lang="ru">Положена ли мне пенсия"#), "and the Russian question")
        }
    }

}
