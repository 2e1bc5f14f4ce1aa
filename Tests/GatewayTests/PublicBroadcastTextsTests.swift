import Foundation
import Models
import Testing

@testable import Web

/// The texts the public broadcast pages look up in code: field messages, question states, advice types, guest roles,
/// upvote notices and refusals are said in every language.
@Suite struct PublicBroadcastTextsTests {
    @Test(arguments: Language.allCases)
    func everyTextThePublicBroadcastPagesNameInCodeIsInTheCatalogue(language: Language) throws {
        let texts = try Translations.embedded().texts(language)
        let missing = PublicBroadcastTexts.catalogueKeys.filter { texts[$0] == nil }
        #expect(missing.isEmpty, "\(language) lacks \(missing.sorted())")
        #expect(PublicBroadcastTexts.catalogueKeys.contains("broadcasts_public_state_received"))
    }

    @Test func timecodesReadAsMinutesAndSecondsAndHoursPastTheFirst() {
        #expect(PublicBroadcastsController.timecode(754) == "12:34")
        #expect(PublicBroadcastsController.timecode(5) == "0:05")
        #expect(PublicBroadcastsController.timecode(3_725) == "1:02:05")
    }

    /// Each field of the question form keeps only what it is given with its consent; the question's language is the
    /// page's unless chosen.
    @Test func theQuestionFormSendsADisaggregationFieldOnlyWithItsConsent() throws {
        var form = QuestionForm()
        form.text = ["text": "Вопрос", "sex": "female", "ageBand": "30_44"]
        form.consents = ["ageBand"]
        guard case .failure(let problems) = form.body(episodeID: UUID(), pageLanguage: .kyrgyz) else {
            Issue.record("sex without consent was taken")
            return
        }
        let messages = problems.values(texts: try Translations.embedded().texts(.russian))
        #expect(messages["error_sex"] as? String == "Отметьте согласие или выберите «Не указано»." && messages["error_ageBand"] == nil)
        form.consents = ["ageBand", "sex"]
        let body = try form.body(episodeID: UUID(), pageLanguage: .kyrgyz).get()
        #expect(body.language == .kyrgyz && body.sex == .female && body.consent == .init(sex: true, ageBand: true))
    }
}
