import Foundation
import Models

/// The template values of the answer log: an answer in words (its question, timecodes, guest, advice, summary and
/// review), and the form logging or changing one.
struct StaffBroadcastAnswerValues {
    let texts: [String: String]
    let language: Language
    /// The questions whose texts the answers show.
    let questions: [StaffBroadcastsWire.Question]
    /// The episode's guests, who may have answered.
    let guests: [StaffBroadcastsWire.Guest]

    /// The reference rows a form shows beyond an answer's own references, for adding more.
    static let spareReferenceRows = 2

    /// `answer` in words, linked to its page under `episode`.
    func summary(of answer: StaffBroadcastsWire.Answer, episode: UUID) -> [String: Any] {
        let summary = ShownText(answer.summary, in: language)
        var values: [String: Any] = [
            "id": answer.id.uuidString.lowercased(),
            "path": StaffBroadcastsController.answerPath(episode, answer.id),
            "start": StaffBroadcastAnswerForm.timecode(answer.startSecond), "end": StaffBroadcastAnswerForm.timecode(answer.endSecond),
            "advice": texts[answer.adviceType.staffTextKey] ?? "", "review": texts[answer.reviewStatus.textKey] ?? "",
            "summary": summary.text,
            "references": answer.legalReferences.map { ["law": $0.law, "article": $0.article] },
            "hasReferences": !answer.legalReferences.isEmpty,
        ]
        values["summaryLanguage"] = summary.otherLanguage
        values["question"] = questions.first { $0.id == answer.questionId }?.text
        values["guest"] = guests.first { $0.id == answer.guestId }?.name
        values["followUpOwner"] = answer.followUpOwner
        values["followUpDueOn"] = answer.followUpDueOn.map { PageDates.day(iso: $0, in: language) }
        return values
    }

    /// The form's values: what was typed when it comes back (`returned`, with `problems`), else `answer`'s details
    /// when changing one, else empty.
    func form(_ returned: StaffBroadcastAnswerForm?, problems: FieldMessages?, answer: StaffBroadcastsWire.Answer?) -> [String: Any] {
        var values: [String: Any] = ["problems": problems?.values(texts: texts) ?? [:]]
        var shown: [String: String] = [:]
        var references: [LegalReference] = answer?.legalReferences ?? []
        if let answer {
            let summary = ShownText(answer.summary, in: language)
            shown = [
                "startTime": StaffBroadcastAnswerForm.timecode(answer.startSecond), "endTime": StaffBroadcastAnswerForm.timecode(answer.endSecond),
                "guestId": answer.guestId.uuidString.lowercased(), "summary": summary.text, "summaryLanguage": summary.otherLanguage ?? language.rawValue,
                "adviceType": answer.adviceType.rawValue, "followUpOwner": answer.followUpOwner ?? "", "followUpDueOn": answer.followUpDueOn ?? "",
            ]
        }
        if let returned {
            for name in StaffBroadcastAnswerForm.fieldNames { shown[name] = returned.fields[name] ?? "" }
            references = (1...StaffBroadcastAnswerForm.maxReferenceRows).compactMap { row in
                let law = returned.fields.trimmed("law\(row)")
                let article = returned.fields.trimmed("article\(row)")
                return law == nil && article == nil ? nil : .init(law: law ?? "", article: article ?? "")
            }
        }
        for (name, value) in shown { values["value_\(name)"] = value }
        let rows = min(StaffBroadcastAnswerForm.maxReferenceRows, references.count + Self.spareReferenceRows)
        values["referenceRows"] = (0..<rows).map { index in
            [
                "row": index + 1, "law": index < references.count ? references[index].law : "",
                "article": index < references.count ? references[index].article : "",
            ]
                as [String: Any]
        }
        let guestID = shown["guestId"] ?? ""
        values["guests"] = guests.map { ["id": $0.id.uuidString.lowercased(), "name": $0.name, "isSelected": $0.id.uuidString.lowercased() == guestID] }
        values["hasGuests"] = !guests.isEmpty
        values["advice"] = Choice.values(
            AdviceType.allCases.map { Choice(code: $0.rawValue, name: texts[$0.staffTextKey] ?? "") }, selected: [shown["adviceType"] ?? ""])
        values["summaryLanguages"] = Choice.values(
            Language.allCases.map { Choice(code: $0.rawValue, name: PageRenderer.ownName($0)) }, selected: [shown["summaryLanguage"] ?? language.rawValue])
        return values
    }
}
