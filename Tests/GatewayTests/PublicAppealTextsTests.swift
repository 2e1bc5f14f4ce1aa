import Foundation
import Models
import Testing

@testable import Web

/// The texts the public appeal pages look up in code, not in templates: appeals' field errors, statuses,
/// response channels and notes are said in every language, so a Kyrgyz or Russian page never shows appeals'
/// English.
@Suite struct PublicAppealTextsTests {
    /// Keys the controllers name directly.
    static let namedKeys = [
        "appeal_error_not_sent", "appeal_error_throttled", "appeal_error_unavailable", "appeal_form_title", "appeals_unavailable_explanation",
        "appeals_unavailable_heading", "published_title", "receipt_title", "track_status_title", "track_title", "track_error_missing",
        "track_error_unknown", "track_error_throttled", "track_error_unavailable",
    ]

    @Test(arguments: Language.allCases)
    func everyFieldErrorOfAppealsHasAText(language: Language) throws {
        let texts = try Translations.embedded().texts(language)
        for field in AppealFormField.allCases {
            for problem in [AppealFormField.Problem.missing, .tooLong, .invalid] {
                let key = field.messageKey(for: problem, in: texts)
                #expect(texts[key] != nil, "\(field) \(problem) in \(language)")
            }
        }
        // The fields people get wrong most have texts of their own, not "check this field".
        for field in [AppealFormField.category, .region, .description, .phone, .email, .contactConsent] {
            #expect(field.messageKey(for: .invalid, in: texts) != AppealFormField.genericMessageKey || field == .description, "\(field)")
        }
        #expect(AppealFormField.description.messageKey(for: .missing, in: texts) == "appeal_error_description_missing")
        #expect(AppealFormField.description.messageKey(for: .tooLong, in: texts) == "appeal_error_description_too_long")
    }

    @Test(arguments: Language.allCases)
    func statusesChannelsNotesAndMessagesAreSaidInEveryLanguage(language: Language) throws {
        let texts = try Translations.embedded().texts(language)
        let keys =
            PublicStatus.allCases.flatMap { [$0.textKey, $0.textKey + "_explanation"] } + ResponseChannel.allCases.map(\.textKey)
            + Array(PublicAppealsController.systemNoteKeys.values) + Self.namedKeys
        for key in keys { #expect(texts[key] != nil, "\(key) in \(language)") }
    }

    @Test func appealsEnglishMessagesAreReadForTheirKind() {
        #expect(AppealFormField.Problem(apiMessage: "must not be blank") == .missing)
        #expect(AppealFormField.Problem(apiMessage: "is required") == .missing)
        #expect(AppealFormField.Problem(apiMessage: "must be at most 16000 bytes in UTF-8 (a Cyrillic letter takes 2 bytes, a Latin letter 1)") == .tooLong)
        #expect(AppealFormField.Problem(apiMessage: "must be one of the codes at GET /api/v1/appeals/categories") == .invalid)
        #expect(AppealFormField(apiPath: "submitter.vulnerableGroups[3]") == .vulnerableGroups)
        #expect(AppealFormField(apiPath: "channel") == nil)
    }
}
