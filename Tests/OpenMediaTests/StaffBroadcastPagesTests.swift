import Appeals
import Broadcasts
import Foundation
import Gateway
import HTTPTypes
import HummingbirdTesting
import Persistence
import TestSupport
import Testing

/// The staff broadcast pages with broadcasts and the gateway running: a producer runs an episode through its life
/// with forms carrying its version.
@Suite struct StaffBroadcastPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aProducerRunsAnEpisodeThroughItsLifeOnItsPage(kind: DatabaseKind) async throws {
        try await StaffBroadcastPages.with(kind) { site in
            let id = try await site.episode(theme: ["ru": "Пенсии <по> инвалидности", "en": "Disability pensions"])
            let path = "/staff/broadcasts/episodes/\(id)"

            // Not signed in: to the sign-in page. A verifier neither runs broadcasts nor finds them in the navigation.
            #expect(try await PageVisitor(site.gateway).open(path).headers[.location] == "/sign-in?next=\(path)")
            let verifier = try await site.browser(roles: ["verifier"])
            #expect(!(try await verifier.open("/broadcasts?lang=en").text.contains(#"href="/staff/broadcasts""#)))

            let producer = try await site.browser(roles: ["coordinator"])
            let list = try await producer.open("/staff/broadcasts?lang=en")
            #expect(list.status == .ok && list.text.contains(#"<a href="/staff/broadcasts">Broadcasts</a>"#))
            #expect(list.text.contains(#"href="\#(path)""#) && list.text.contains("Disability pensions") && list.text.contains("Planned"))
            #expect(!(try await producer.open("/staff/broadcasts?status=cancelled").text.contains(path)), "filtered by status")

            // The main line, one step at a time, each offered as the status allows.
            let planned = try await producer.open(path + "?lang=ru")
            #expect(planned.text.contains("Пенсии &lt;по&gt; инвалидности") && planned.text.contains(#"value="announced">Анонсировать"#))
            #expect(!planned.text.contains(#"action="\#(path)/moves/publication""#), "nothing to publish before the show")
            let stale = try StaffAppealPagesTests.version(in: planned.text)
            for step in ["announced", "intake_open", "live", "ended"] {
                try await site.move(producer, path, "transition", [("to", step)])
            }
            // A form shown before those changes: the "changed meanwhile" page, nothing saved.
            let late = try await producer.submit(path + "/moves/cancellation", [("version", stale), ("reason", "Studio closed")])
            #expect(late.status == .conflict && late.text.contains("Кто-то изменил это за это время"))
            let ended = try await producer.open(path + "?lang=en")
            #expect(ended.text.contains(#"<span class="status">Ended</span>"#) && !ended.text.contains("Cancel the episode"))
            #expect(ended.text.contains(#"href="\#(path)/answers""#) && ended.text.contains(#"href="\#(path)/queue""#))
            // Publishing needs an http(s) link: refused by the page, the message next to the field, in the page's language.
            let noLink = try await producer.submit(
                path + "/moves/publication", [("version", try StaffAppealPagesTests.version(in: ended.text)), ("replayUrl", "ftp://x")])
            #expect(noLink.status == .unprocessableContent && noLink.text.contains("web address, starting with https://"))
            #expect(noLink.text.contains(#"value="ftp://x""#), "what was typed is kept")
            try await site.move(producer, path, "publication", [("replayUrl", "https://replay.example.org/e1")])
            let published = try await site.api.send(.get, "/api/v1/broadcasts/episodes/\(id)", token: site.admin)
            #expect(published.text.contains(#""status":"published""#) && published.text.contains("https://replay.example.org/e1"))
            let history = try await producer.open(path + "?lang=en")
            #expect(history.text.components(separatedBy: "Status changed").count == 6, "five moves in the history")
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func producersRescheduleAndCancelWithAReasonAndOthersOnlyRead(kind: DatabaseKind) async throws {
        try await StaffBroadcastPages.with(kind) { site in
            let id = try await site.episode(theme: ["ky": "Жер укугу"])
            let path = "/staff/broadcasts/episodes/\(id)"
            let producer = try await site.browser(roles: ["coordinator"])
            try await site.move(producer, path, "reschedule", [("day", "2027-03-16"), ("time", "20:30")])
            let moved = try await site.api.send(.get, "/api/v1/broadcasts/episodes/\(id)", token: site.admin)
            #expect(moved.text.contains(#""status":"rescheduled""#) && moved.text.contains("2027-03-16T14:30:00Z"), "Bishkek time: \(moved.text)")
            let page = try await producer.open(path + "?lang=ky")
            #expect(page.text.contains(#"value="announced""#) && page.text.contains(#"value="intake_open""#), "announced again from here")
            // Calling it off needs a reason: sent back with the message by the field.
            let bare = try await producer.submit(
                path + "/moves/cancellation", [("version", try StaffAppealPagesTests.version(in: page.text)), ("reason", " ")])
            #expect(bare.status == .unprocessableContent && bare.text.contains("Себебин жазыңыз"))
            #expect(bare.text.contains(#"<details class="change" id="move-cancellation" open>"#))
            try await site.move(producer, path, "cancellation", [("reason", "Студия жабык")])
            let cancelled = try await producer.open(path + "?lang=en")
            #expect(cancelled.text.contains("Cancelled: Студия жабык") && !cancelled.text.contains(#"name="version""#), "final: no forms")

            // A legal expert reads the episode, with no forms; a move sent anyway is the API's refusal, said in words.
            let reader = try await site.browser(roles: ["legal_expert"])
            let other = try await site.episode(theme: ["en": "Housing"])
            let otherAPI = "/api/v1/broadcasts/episodes/\(other)"
            try await site.api.expect(.ok, .post, otherAPI + "/transitions", token: site.admin, json: ["to": "announced"], ifMatchOf: otherAPI)
            let readOnly = try await reader.open("/staff/broadcasts/episodes/\(other)?lang=en")
            #expect(readOnly.status == .ok && readOnly.text.contains("producers and moderators run it") && !readOnly.text.contains("Open the question intake"))
            #expect(readOnly.text.contains(#"href="/staff/broadcasts">Broadcasts</a>"#))
            let refused = try await reader.submit(
                "/staff/broadcasts/episodes/\(other)/moves/transition", [("version", "\"2\""), ("status", "announced"), ("to", "intake_open")])
            #expect(refused.status == .forbidden && refused.text.contains("Your role may not make this change."))
            #expect(try await producer.open("/staff/broadcasts/episodes/\(UUID().uuidString.lowercased())").status == .notFound)
        }
    }
}

/// The moderator's queue: questions by state with their originals, sources and askers as the API shows them to the
/// caller, and every move, edit and order change as a form carrying the question's ETag.
@Suite struct StaffBroadcastQueuePagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aModeratorApprovesEditsOrdersMergesRejectsAndPutsQuestionsOnAir(kind: DatabaseKind) async throws {
        try await StaffBroadcastPages.with(kind) { site in
            let id = try await site.episode(theme: ["ru": "Пенсии"])
            try await site.open(id, to: ["announced", "intake_open"])
            let pension = try await site.ask(id, "Сохранится ли <пенсия>, если я работаю?", name: "Айгуль", phone: "+996 700 123 456")
            let second = try await site.ask(id, "Как оформить пенсию по инвалидности?")
            let duplicate = try await site.ask(id, "Пенсия работающему пенсионеру?")
            let spam = try await site.ask(id, "Реклама")
            let queue = "/staff/broadcasts/episodes/\(id)/queue"

            let moderator = try await site.browser(roles: ["coordinator"])
            let page = try await moderator.open(queue + "?lang=en")
            #expect(page.status == .ok && page.text.contains("Сохранится ли &lt;пенсия&gt;, если я работаю?"))
            #expect(page.text.contains(#"<h2 id="state-received">Received"#) && page.text.contains("From the public"))
            #expect(page.text.contains("Айгуль") && page.text.contains(#"href="tel:+996 700 123 456""#), "coordinators see the asker")
            // A legal expert reads the queue as the API shows it to them: no asker, no forms.
            let reader = try await site.browser(roles: ["legal_expert"])
            let read = try await reader.open(queue + "?lang=en")
            #expect(read.status == .ok && !read.text.contains("Айгуль") && !read.text.contains("+996") && !read.text.contains(#"name="version""#))

            try await site.change(moderator, id, pension, "move", [("to", "approved")])
            try await site.change(moderator, id, pension, "text", [("publicText", "Может ли работающий пенсионер потерять пенсию?")])
            try await site.change(moderator, id, second, "move", [("to", "approved")])
            try await site.change(moderator, id, pension, "move", [("to", "queued")])
            try await site.change(moderator, id, second, "move", [("to", "queued")])
            // The later one moves up, ahead of the first.
            let ordered = try await moderator.open(queue + "?lang=en")
            let up = try #require(
                ordered.text.firstMatch(
                    of:
                        /action="[^"]+\/queue\/([0-9a-f-]{36})\/order"><input type="hidden" name="csrf" value="[^"]*"><input type="hidden" name="version" value="[^"]*"><input type="hidden" name="position" value="([0-9]+)"><button type="submit" class="secondary">Move up/
                ))
            #expect(String(up.1) == second)
            try await site.change(moderator, id, second, "order", [("position", String(up.2))])
            let queued = try await site.questions(id, state: "queued")
            #expect(queued.map(\.id) == [second, pension], "moved up: \(queued)")
            try await site.change(moderator, id, pension, "move", [("to", "on_air")])
            #expect(try await site.questions(id, state: "on_air").first?.text == "Может ли работающий пенсионер потерять пенсию?")

            // Merging counts the duplicate on the one that stays; rejecting needs a reason, sent back by the field.
            try await site.change(moderator, id, duplicate, "merge", [("mergeInto", pension)])
            #expect(try await site.questions(id, state: "on_air").first?.mergeCount == 1)
            let bare = try await moderator.submit(queue + "/\(spam)/rejection", [("version", try await site.questionVersion(id, spam)), ("reason", "")])
            #expect(bare.status == .unprocessableContent && bare.text.contains("Write the reason"))
            try await site.change(moderator, id, spam, "rejection", [("reason", "Реклама")])
            #expect(try await site.questions(id, state: "rejected").first?.id == spam)
            // A move the state does not allow is the API's refusal in words; a form shown before a change is stale.
            let illegal = try await moderator.submit(queue + "/\(spam)/move", [("version", try await site.questionVersion(id, spam)), ("to", "queued")])
            #expect(illegal.status == .conflict && illegal.text.contains("The question cannot make this move from where it is now."))
            let stale = try await moderator.submit(queue + "/\(second)/move", [("version", "\"1\""), ("to", "on_air")])
            #expect(stale.status == .conflict && stale.text.contains("Someone changed this meanwhile"))

            // Importing an appeal: an ID that is none is sent back by the field; appeals out of reach is said so.
            let notAnID = try await moderator.submit(queue + "/import", [("appealId", "12345"), ("language", "ru")])
            #expect(notAnID.status == .unprocessableContent && notAnID.text.contains("Enter the appeal"))
            let unreachable = try await moderator.submit(queue + "/import", [("appealId", UUID().uuidString), ("language", "ru")])
            #expect(unreachable.status == .serviceUnavailable && unreachable.text.contains("a service did not answer"), "\(unreachable.text.suffix(2000))")
        }
    }
}

/// Importing an appeal on the queue page: its published summary becomes a question linked to the appeal, once.
@Suite struct StaffBroadcastImportPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aModeratorImportsAPublishedAppealOnce(kind: DatabaseKind) async throws {
        try await StaffBroadcastPages.withAppeals(kind) { site in
            let appeal = try await site.staff.submitAppeal(region: "KG-N")
            let appealPath = "/api/v1/appeals/\(appeal)"
            for step: (String, [String: Any]) in [
                ("/transitions", ["to": "in_verification"]),
                ("/verification", ["sourcesChecked": ["school"], "evidenceNotes": "", "outcome": "confirmed"]),
                ("/transitions", ["to": "verified"]),
                ("/publication", ["title": ["ru": "Отказ школы"], "summary": ["ru": "Школа отказала в приёме ребёнка."]]),
            ] {
                try await site.api.expect(.ok, .post, appealPath + step.0, token: site.admin, json: step.1, ifMatchOf: appealPath)
            }
            let id = try await site.episode(theme: ["ru": "Образование"])
            try await site.open(id, to: ["announced", "intake_open"])
            let queue = "/staff/broadcasts/episodes/\(id)/queue"
            let moderator = try await site.browser(roles: ["coordinator"])
            let page = try await moderator.open(queue + "?lang=en")
            #expect(page.text.contains(#"action="\#(queue)/import""#))
            let imported = try await moderator.submit(queue + "/import", [("appealId", appeal.uppercased()), ("language", "ru")])
            #expect(
                imported.status == .seeOther && imported.headers[.location]?.hasPrefix(queue + "#q-") == true,
                "\(imported.status) \(imported.text.suffix(1500))")
            let listed = try await moderator.open(queue + "?lang=en")
            #expect(listed.text.contains("Школа отказала в приёме ребёнка.") && listed.text.contains("From an appeal"))
            #expect(listed.text.contains(#"href="/staff/appeals/\#(appeal)""#))
            // Importing it again (a double click, say) is refused, said by the form.
            let again = try await moderator.submit(queue + "/import", [("appealId", appeal), ("language", "ru")])
            #expect(
                again.status == .conflict && again.text.contains("This appeal is already a question of the episode."),
                "\(again.status) \(again.headers[.location] ?? "")")
            #expect(again.text.contains(#"<details class="change" id="import" open>"#))
        }
    }
}

/// The presenter's screen: the question on air in large type and the next ones, from the page itself (the browser
/// suite shows it following the live stream).
@Suite struct StaffBroadcastPresenterPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func thePresenterSeesTheQuestionOnAirAndTheNextOnes(kind: DatabaseKind) async throws {
        try await StaffBroadcastPages.with(kind) { site in
            let id = try await site.episode(theme: ["ru": "Пенсии"])
            try await site.open(id, to: ["announced", "intake_open", "live"])
            let presenterPath = "/staff/broadcasts/episodes/\(id)/presenter"
            let presenter = try await site.browser(roles: ["coordinator"])
            let empty = try await presenter.open(presenterPath + "?lang=en")
            #expect(empty.status == .ok && empty.text.contains("No question is on air.") && empty.text.contains("Nothing in the queue."))
            #expect(empty.text.contains(#"data-live="/api/v1/broadcasts/episodes/\#(id)/live""#))
            #expect(empty.text.contains(#"<script src="/static/presenter.js" defer></script>"#) && !empty.text.contains("<script>"))
            let policy = try #require(empty.headers[.contentSecurityPolicy])
            #expect(policy.contains("connect-src 'self'") && policy.contains("script-src 'self'") && !policy.contains("unsafe"))

            let first = try await site.ask(id, "Сохранится ли пенсия <если> я работаю?")
            let second = try await site.ask(id, "Как оформить пенсию?")
            let third = try await site.ask(id, "Ещё не одобрен")
            for question in [first, second] {
                for state in ["approved", "queued"] { try await site.moveQuestion(id, question, to: state) }
            }
            try await site.moveQuestion(id, first, to: "on_air")
            let screen = try await presenter.open(presenterPath + "?lang=ru")
            #expect(
                screen.text.contains(
                    #"<p id="presenter-current" class="presenter-current" data-none="В эфире нет вопроса." aria-live="polite">Сохранится ли пенсия &lt;если&gt; я работаю?</p>"#
                ))
            #expect(screen.text.contains("<li>Как оформить пенсию?</li>") && !screen.text.contains("Ещё не одобрен"), "\(third) is not queued")
            let script = try await presenter.open("/static/presenter.js")
            #expect(script.status == .ok && script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("new EventSource") && script.text.contains("textContent") && !script.text.contains("innerHTML"))
            #expect(try await PageVisitor(site.gateway).open(presenterPath).status == .seeOther, "signed in only")
        }
    }
}

/// The answer log: a producer logs what was answered on air with timecodes, guest, summary and references, changes it
/// while a draft, sends it to legal review; a legal expert sends it back with a note or approves it.
@Suite struct StaffBroadcastAnswerPagesTests {
    @Test(arguments: TestDatabases.kinds)
    func aProducerLogsAnAnswerAndALawyerReviewsIt(kind: DatabaseKind) async throws {
        try await StaffBroadcastPages.with(kind) { site in
            let id = try await site.episode(theme: ["ru": "Пенсии"])
            let episodeAPI = "/api/v1/broadcasts/episodes/\(id)"
            let guest = try await site.api.expect(
                .created, .post, episodeAPI + "/guests", token: site.admin,
                json: ["kind": "person", "name": "Омбудсмен Кыргызской Республики", "role": "ombudsman"], ifMatchOf: episodeAPI
            ).lowercased()
            try await site.open(id, to: ["announced", "intake_open", "live"])
            let question = try await site.ask(id, "Сохранится ли пенсия, если я работаю?")
            for state in ["approved", "queued", "on_air", "answered"] { try await site.moveQuestion(id, question, to: state) }
            let log = "/staff/broadcasts/episodes/\(id)/answers"

            let producer = try await site.browser(roles: ["coordinator"])
            let page = try await producer.open(log + "?lang=en")
            #expect(page.status == .ok && page.text.contains(#"<option value="\#(question)">Сохранится ли пенсия, если я работаю?</option>"#))
            #expect(page.text.contains("Омбудсмен Кыргызской Республики") && page.text.contains(#"href="\#(episodeAPI)/answers.csv""#))
            let key = try #require(page.text.firstMatch(of: /name="idempotencyKey" value="([^"]+)"/)).1
            var fields: [(String, String)] = [
                ("idempotencyKey", String(key)), ("questionId", question), ("startTime", "0:12:34"), ("endTime", "0:12:00"), ("guestId", guest),
                ("summary", "Пенсия не уменьшается, пока человек работает."), ("summaryLanguage", "ru"), ("law1", "Закон о пенсиях"),
                ("article1", ""), ("adviceType", "legal_opinion"), ("followUpOwner", "Социальный фонд"), ("followUpDueOn", "2027-04-01"),
            ]
            // Checked by the page first: the end before the start, a law without its article; the input kept.
            let refused = try await producer.submit(log, fields)
            #expect(refused.status == .unprocessableContent && refused.text.contains("Enter the end as H:MM:SS, after the start."))
            #expect(refused.text.contains("Each reference needs both the law") && refused.text.contains(#"value="Закон о пенсиях""#))
            fields[3] = ("endTime", "0:15:00")
            fields[8] = ("article1", "12(3)")
            let logged = try await producer.submit(log, fields)
            #expect(logged.status == .seeOther, "\(logged.text.suffix(3000))")
            let answerPath = try #require(logged.headers[.location])
            let answerID = String(try #require(answerPath.split(separator: "/").last))
            let answerAPI = "/api/v1/broadcasts/answers/\(answerID)"
            let stored = try await site.api.send(.get, answerAPI, token: site.admin)
            #expect(stored.text.contains(#""startSecond":754"#) && stored.text.contains(#""endSecond":900"#) && stored.text.contains(#""article":"12(3)""#))
            // The same form sent twice (a double click) logs it once.
            #expect(try await producer.submit(log, fields).headers[.location] == answerPath)
            #expect(!(try await producer.open(log).text.contains(#"<option value="\#(question)">"#)), "logged: no longer offered")

            // Changed while a draft, its other languages kept; a form shown before the change is stale.
            let entry = try await producer.open(answerPath + "?lang=en")
            #expect(entry.text.contains("0:12:34–0:15:00") && entry.text.contains("Legal opinion") && entry.text.contains("Draft"))
            let version = try StaffAppealPagesTests.version(in: entry.text)
            var edit = Array(fields.dropFirst(2))
            edit[3] = ("summary", "Пенсия сохраняется полностью.")
            let edited = try await producer.submit(answerPath + "/edit", [("version", version)] + edit)
            #expect(edited.status == .seeOther && edited.headers[.location] == answerPath, "\(edited.text.suffix(2000))")
            #expect(try await site.api.send(.get, answerAPI, token: site.admin).text.contains("Пенсия сохраняется полностью."))
            let stale = try await producer.submit(answerPath + "/edit", [("version", version)] + edit)
            #expect(stale.status == .conflict && stale.text.contains("Someone changed this meanwhile"))
            try await site.review(producer, answerPath, [("to", "legal_review")])
            #expect(!(try await producer.open(answerPath).text.contains(#"action="\#(answerPath)/edit""#)), "in review: not editable")

            // The lawyer: a correction needs a note, said by the field; then sent back, corrected, and approved.
            let lawyer = try await site.browser(roles: ["legal_expert"])
            let review = try await lawyer.open(answerPath + "?lang=en")
            #expect(review.text.contains("Approve the summary") && review.text.contains("Send back for correction"))
            let noNote = try await lawyer.submit(
                answerPath + "/review", [("version", try StaffAppealPagesTests.version(in: review.text)), ("to", "needs_correction"), ("note", "")])
            #expect(noNote.status == .unprocessableContent && noNote.text.contains("Say what to correct"))
            try await site.review(lawyer, answerPath, [("to", "needs_correction"), ("note", "Уточните статью")])
            try await site.review(producer, answerPath, [("to", "legal_review")])
            try await site.review(lawyer, answerPath, [("to", "approved")])
            let approved = try await lawyer.open(answerPath + "?lang=en")
            #expect(approved.text.contains(#"<span class="status">Approved</span>"#) && approved.text.contains("Уточните статью"), "the history keeps the note")
            #expect(approved.text.components(separatedBy: "Status changed").count == 5, "four review moves in the history")
        }
    }
}

/// The texts of the staff broadcast pages, in every catalogue: those their templates name and those the code builds
/// from the API's vocabularies.
@Suite struct StaffBroadcastTextsTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Services/Web/Sources/Resources")

    /// The keys the code builds: moves, states, sources, problems, history actions, field messages.
    static let builtKeys: [String] = {
        let moves = ["announced", "intake_open", "live", "ended"].map { "broadcasts_staff_move_\($0)" }
        let states = [
            "received", "approved", "hidden", "rejected", "merged", "queued", "on_air", "answered", "partially_answered", "deferred", "referred",
        ]
        let doing = ["approved", "hidden", "queued", "on_air", "answered", "partially_answered", "deferred", "referred"].map { "broadcasts_staff_do_\($0)" }
        let problems = [
            "validation_failed", "malformed_json", "forbidden", "illegal_transition", "episode_final", "illegal_question_transition",
            "merge_target_invalid", "no_next_episode", "questions_full", "appeal_not_quotable", "appeal_already_imported", "episode_not_aired",
            "question_not_answered", "answer_exists", "answer_log_full", "answer_not_editable", "illegal_review_transition", "not_found", "other",
            "unavailable",
        ].map { "broadcasts_staff_problem_\($0)" }
        let history = ["created", "transition", "edited", "guest", "received"].map { "broadcasts_staff_history_\($0)" }
        let fields =
            ["to", "replayUrl", "reason", "day", "time"].map { "broadcasts_staff_error_episode_\($0)" }
            + ["to", "reason", "mergeInto", "publicText", "position"].map { "broadcasts_staff_error_question_\($0)" }
            + ["broadcasts_staff_error_import_appealId"]
        return moves + states.map { "broadcasts_staff_question_\($0)" } + doing + problems + history + fields
            + ["public", "partner", "appeal"].map { "broadcasts_staff_source_\($0)" }
            + ["strict", "permissive"].map { "broadcasts_staff_moderation_\($0)" }
            + ["draft", "legal_review", "approved", "needs_correction"].map { "broadcasts_staff_review_\($0)" }
            + ["legal_review", "approved", "needs_correction"].map { "broadcasts_staff_review_do_\($0)" }
            + ["information", "referral", "legal_opinion", "commitment_by_official"].map { "broadcasts_staff_advice_\($0)" }
            + ["questionId", "startTime", "endTime", "guestId", "summary", "adviceType", "legalReferences", "followUpOwner", "followUpDueOn"].map {
                "broadcasts_staff_error_answer_\($0)"
            } + ["to", "note"].map { "broadcasts_staff_error_review_\($0)" }
    }()

    @Test func everyCatalogueHasTheStaffBroadcastTexts() throws {
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.resources.path).filter {
            $0.hasPrefix("staff_broadcast") && $0.hasSuffix(".mustache")
        }
        #expect(!templates.isEmpty)
        var named = Set(Self.builtKeys)
        for template in templates {
            let text = try String(contentsOf: Self.resources.appendingPathComponent(template), encoding: .utf8)
            for match in text.matches(of: /\{\{[#^\/]?t\.([a-z_A-Z0-9]+)\}\}/) { named.insert(String(match.1)) }
        }
        for name in ["ky.json", "ru.json", "en.json"] {
            let catalogue = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: Self.resources.appendingPathComponent(name)))
            #expect(named.allSatisfy { catalogue[$0] != nil }, "\(name) lacks \(named.filter { catalogue[$0] == nil }.sorted())")
        }
    }
}
