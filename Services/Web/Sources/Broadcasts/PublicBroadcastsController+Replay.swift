import Foundation
import Hummingbird
import Models
import ServiceKit

extension PublicBroadcastsController {
    /// The states of a question that was answered on air, the ones the replay lists (a partial answer may since have
    /// been deferred or referred).
    static let answeredStates = ["answered", "partially_answered", "deferred", "referred"]
    /// The most pages of answered questions the replay reads: an episode's log holds at most 500 answers, 200 a page.
    static let maxAnsweredPages = 3

    /// `GET /broadcasts/episodes/{id}/replay`: a published episode's answered questions in the order of the recording,
    /// each with its approved summary, who answered, the legal references and a link into the replay at the answer's
    /// start; with the chapters (WebVTT) and the answers (CSV). The 404 page for an episode not published.
    @Sendable func replay(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let path = Self.apiPath(of: id)
        let episode: BroadcastsWire.Episode
        switch await api.get(BroadcastsWire.service, path, as: BroadcastsWire.Episode.self, context: context) {
        case .success(let found, _): episode = found
        case .problem(let problem) where problem.status < 500: throw HTTPError(.notFound)
        case .problem, .unavailable: return unavailable(request: request, context: context)
        }
        guard episode.status == .published else { throw HTTPError(.notFound) }
        let states = Self.answeredStates.joined(separator: ",")
        async let answersRead = api.get(BroadcastsWire.service, path + "/answers", as: PublicBroadcastsWire.AnswerList.self, context: context)
        async let questionsRead = answeredQuestions(path + "/questions?state=\(states)&limit=\(Self.wallLimit)", context: context)
        async let guestsRead = api.get(BroadcastsWire.service, path + "/guests", as: PublicBroadcastsWire.GuestList.self, context: context)
        let show = await shows([episode.showId], context: context)[episode.showId]
        var values = BroadcastValues.of(episode, show: show, texts: texts, language: language)
        guard case .success(let log, _) = await answersRead else { return unavailable(request: request, context: context) }
        let answered = await questionsRead
        var guests: [UUID: PublicBroadcastsWire.Guest] = [:]
        if case .success(let list, _) = await guestsRead { for guest in list.guests { guests[guest.id] = guest } }
        let replayURL = values["replayUrl"] as? String
        values["answers"] = log.answers.sorted { $0.startSecond < $1.startSecond }.map { answer in
            var item: [String: Any] = [
                "id": answer.id.uuidString.lowercased(),
                "advice": texts[answer.adviceType.publicTextKey] ?? "", "start": Self.timecode(answer.startSecond),
                "references": answer.legalReferences.map { ["law": $0.law, "article": $0.article] },
                "hasReferences": !answer.legalReferences.isEmpty,
            ]
            if let question = answered[answer.questionId] {
                item["question"] = question.text
                item["questionLanguage"] = question.language == language ? nil : question.language.rawValue
            }
            let summary = ShownText(answer.summary, in: language)
            item["summary"] = summary.text
            item["summaryLanguage"] = summary.otherLanguage
            if let guest = guests[answer.guestId] {
                item["guest"] = guest.name
                item["guestRole"] = texts[guest.role.textKey]
            }
            // The player starts at the answer (a Media Fragments time, which players and browsers honour).
            if let replayURL { item["jump"] = "\(replayURL)#t=\(answer.startSecond)" }
            return item
        }
        values["hasAnswers"] = !log.answers.isEmpty
        values["episodePage"] = "/broadcasts/episodes/\(id.uuidString.lowercased())"
        values["chapters"] = path + "/chapters.vtt"
        values["csv"] = path + "/answers.csv"
        let title = (texts["broadcasts_public_replay_title"] ?? "") + ": " + (values["theme"] as? String ?? "")
        return renderer.page("broadcast_replay", title: title, values: values, request: request, context: context)
    }

    /// The questions listed at `path` (their public texts and languages), page after page up to
    /// ``maxAnsweredPages``; those that could not be read are left out, their answers shown without the question.
    private func answeredQuestions(_ path: String, context: ServiceRequestContext) async -> [UUID: PublicBroadcastsWire.AnsweredQuestion] {
        var questions: [UUID: PublicBroadcastsWire.AnsweredQuestion] = [:]
        var cursor: String?
        for _ in 0..<Self.maxAnsweredPages {
            let address = cursor.map { path + "&cursor=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? path
            let read = await api.get(BroadcastsWire.service, address, as: PublicBroadcastsWire.AnsweredQuestionPage.self, context: context)
            guard case .success(let page, _) = read else { break }
            for question in page.items { questions[question.id] = question }
            guard let next = page.nextCursor else { break }
            cursor = next
        }
        return questions
    }

    /// `seconds` into the recording as a person reads it: `12:34`, or `1:02:03` past the first hour.
    static func timecode(_ seconds: Int) -> String {
        let (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(rest))" : "\(minutes):\(twoDigits(rest))"
    }
}
