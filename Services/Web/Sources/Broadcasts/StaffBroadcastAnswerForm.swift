import Foundation
import Models

/// The answer log's form as the page sends it: the question, where in the recording (`H:MM:SS`), who answered,
/// the summary in one language, legal references as law and article rows, the advice, and the follow-up.
struct StaffBroadcastAnswerForm: Sendable {
    /// The fields as typed, by name, to show again on a refused form.
    let fields: FormFields

    /// The form's fields, as named on the page, except the legal references' rows (`law1`, `article1`, …).
    static let fieldNames = [
        "questionId", "startTime", "endTime", "guestId", "summary", "summaryLanguage", "adviceType", "followUpOwner", "followUpDueOn",
        "legalReferences",
    ]
    /// The most reference rows a form sends, as the API takes at most 20 references.
    static let maxReferenceRows = 20
    /// The most seconds into a recording a timecode may be (16 hours, the API's bound).
    static let maxSecond = 57_600
    /// The API's bounds in bytes: a summary per language, a law, an article, the follow-up's owner.
    static let maxSummaryBytes = 8000
    static let maxLawBytes = 400
    static let maxArticleBytes = 100
    static let maxOwnerBytes = 400
    /// A field's message is this prefix and the field's name.
    static let errorKeyPrefix = "broadcasts_staff_error_answer_"

    /// The answer's details from the form, or what the page finds wrong with them; `existing` is the summary being
    /// edited, whose other languages are kept.
    func details(existing: LocalizedText? = nil) -> Result<AnswerDetails, FieldMessages> {
        var problems = FieldMessages(prefix: Self.errorKeyPrefix)
        let start = fields.trimmed("startTime").flatMap(Self.seconds)
        let end = fields.trimmed("endTime").flatMap(Self.seconds)
        if start == nil { problems.add("startTime") }
        if end == nil || (start != nil && end! <= start!) { problems.add("endTime") }
        let guest = fields.trimmed("guestId").flatMap(UUID.init(uuidString:))
        if guest == nil { problems.add("guestId") }
        let language = fields.trimmed("summaryLanguage").flatMap(Language.init(rawValue:)) ?? .russian
        let text = fields.trimmed("summary")
        var summary: LocalizedText?
        if let text, text.utf8.count <= Self.maxSummaryBytes {
            summary = Self.summary(existing, setting: text, in: language)
        }
        if summary == nil { problems.add("summary") }
        let advice = fields.trimmed("adviceType").flatMap(AdviceType.init(rawValue:))
        if advice == nil { problems.add("adviceType") }
        var references: [LegalReference] = []
        for row in 1...Self.maxReferenceRows {
            let law = fields.trimmed("law\(row)")
            let article = fields.trimmed("article\(row)")
            if law == nil && article == nil { continue }
            guard let law, let article, law.utf8.count <= Self.maxLawBytes, article.utf8.count <= Self.maxArticleBytes else {
                problems.add("legalReferences")
                continue
            }
            references.append(.init(law: law, article: article))
        }
        let owner = fields.trimmed("followUpOwner")
        if let owner, owner.utf8.count > Self.maxOwnerBytes { problems.add("followUpOwner") }
        let due = fields.trimmed("followUpDueOn")
        if let due, owner == nil || !Self.isDay(due) { problems.add("followUpDueOn") }
        guard problems.isEmpty, let start, let end, let guest, let summary, let advice else { return .failure(problems) }
        return .success(
            AnswerDetails(
                questionId: fields.trimmed("questionId").flatMap(UUID.init(uuidString:)), startSecond: start, endSecond: end, guestId: guest,
                summary: summary, legalReferences: references, adviceType: advice.rawValue, followUpOwner: owner, followUpDueOn: due))
    }

    /// `existing` with `text` in `language` (the other languages kept), or a new summary of `text` alone.
    static func summary(_ existing: LocalizedText?, setting text: String, in language: Language) -> LocalizedText? {
        var texts: [Language: String] = [:]
        for other in Language.allCases { texts[other] = existing?[other] }
        texts[language] = text
        return try? LocalizedText(ky: texts[.kyrgyz], ru: texts[.russian], en: texts[.english])
    }

    /// The seconds of an `H:MM:SS` (or `M:SS`) timecode within the API's bound; `nil` for anything else.
    static func seconds(_ timecode: String) -> Int? {
        let parts = timecode.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) }
        guard (2...3).contains(parts.count), parts.allSatisfy({ $0 != nil && $0! >= 0 }) else { return nil }
        let numbers = parts.map { $0! }
        let (hours, minutes, seconds) = numbers.count == 3 ? (numbers[0], numbers[1], numbers[2]) : (0, numbers[0], numbers[1])
        guard minutes < 60 || numbers.count == 2, seconds < 60 else { return nil }
        let total = hours * 3600 + minutes * 60 + seconds
        return total <= maxSecond ? total : nil
    }

    /// `seconds` as an `H:MM:SS` timecode.
    static func timecode(_ seconds: Int) -> String {
        String(format: "%d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60)
    }

    /// Whether `text` is a `YYYY-MM-DD` day the API takes (years 2000 to 2100).
    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-").map(String.init)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2])
        else { return false }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = PageDates.bishkek
        return (2000...2100).contains(year) && DateComponents(year: year, month: month, day: day).isValidDate(in: calendar)
    }

    /// The messages of an API refusal: the references' paths (`legalReferences[2].law`) all belong to the rows.
    static func messages(_ problem: Problem) -> FieldMessages {
        var normalized = problem
        normalized.errors = problem.errors.map { errors in
            Dictionary(errors.map { ($0.key.hasPrefix("legalReferences") ? "legalReferences" : $0.key, $0.value) }) { first, _ in first }
        }
        return StaffBroadcastProblems.messages(
            normalized, known: Set(fieldNames), mapping: ["startSecond": "startTime", "endSecond": "endTime"], prefix: errorKeyPrefix)
    }

    /// Every catalogue key this form names.
    static var catalogueKeys: Set<String> {
        Set(fieldNames.filter { $0 != "summaryLanguage" }.map { errorKeyPrefix + $0 })
    }
}

/// An answer's details as the log's form gives them: the body of a new answer (with its question) or of a change.
struct AnswerDetails: Encodable, Sendable {
    var questionId: UUID?
    var startSecond: Int
    var endSecond: Int
    var guestId: UUID
    var summary: LocalizedText
    var legalReferences: [LegalReference]
    var adviceType: String
    /// Empty removes the follow-up of an answer being changed; absent, a new answer has none.
    var followUpOwner: String?
    var followUpDueOn: String?
}
