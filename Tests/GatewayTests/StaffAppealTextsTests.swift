import Foundation
import Models
import Testing

@testable import Web

/// The staff pages' texts that Swift picks (statuses, actions, problems): each is in every catalogue, and every
/// problem the appeals API can answer a form with becomes a text in the person's language.
@Suite struct StaffAppealTextsTests {
    /// Every key the staff pages look up by name, beyond the `{{t.key}}` the catalogue test reads from templates.
    static var computedKeys: Set<String> {
        var keys = StaffFieldProblems.allKeys
        keys.formUnion(StaffAppealStatus.allCases.map { "staff_status_\($0.rawValue)" })
        keys.formUnion(StaffVerificationOutcome.allCases.map { "staff_outcome_\($0.rawValue)" })
        keys.formUnion(StaffRejectionReason.allCases.map { "staff_reason_\($0.rawValue)" })
        keys.formUnion(StaffResponseChannel.allCases.map { "staff_response_channel_\($0.rawValue)" })
        keys.formUnion(StaffChange.allCases.map { "staff_change_\($0.rawValue)" })
        for change in StaffChange.allCases {
            keys.formUnion(change.fieldNames.map { "staff_label_\(StaffCasePage.viewKey($0))" })
        }
        // The appeals service's channels and history actions, as its OpenAPI document and HistoryAction list them.
        keys.formUnion(
            ["web", "facebook", "instagram", "telegram", "whatsapp", "hotline", "broadcast", "event", "email", "in_person", "partner"]
                .map { "staff_channel_\($0)" })
        keys.formUnion(
            [
                "submitted", "transition", "public_note", "verification", "assignment", "referral", "referral_reply", "response", "extension",
                "annotation", "publication", "unpublication",
            ].map { "staff_action_\($0)" })
        keys.formUnion(["staff_case_title", "staff_inbox_title", "staff_stale_title", "staff_unavailable_heading", "staff_unavailable_explanation"])
        return keys
    }

    @Test func everyComputedTextIsInEveryCatalogue() throws {
        let translations = try Translations.embedded()
        for language in Language.allCases {
            let missing = Self.computedKeys.subtracting(translations.texts(language).keys)
            #expect(missing.isEmpty, "\(language.rawValue) lacks \(missing.sorted())")
        }
    }

    @Test func anAPIProblemBecomesTheFieldsOwnTextOrAGenericOne() {
        let validation = Problem(
            status: 422, code: "validation_failed", title: "Unprocessable",
            errors: ["title.ru": "must be at most 400 bytes", "organizationId": "give either", "unheard.of": "x"])
        let publication = StaffFieldProblems(change: .publication, problem: validation)
        #expect(publication.form == "staff_problem_validation_failed")
        #expect(publication.fields["title.ru"] == "staff_error_publication_title")
        #expect(publication.fields["unheard.of"] == StaffFieldProblems.genericFieldKey)
        #expect(StaffFieldProblems(change: .referral, problem: validation).fields["organizationId"] == "staff_error_referral_organizationId")

        let illegal = Problem(status: 409, code: "illegal_transition", title: "Conflict", errors: ["to": "must be one of: verified"])
        let transition = StaffFieldProblems(change: .transition, problem: illegal)
        #expect(transition.form == "staff_problem_illegal_transition" && transition.fields["to"] == "staff_problem_illegal_transition")

        let unknown = StaffFieldProblems(change: .response, problem: Problem(status: 409, code: "brand_new", title: "Conflict", errors: ["text": "?"]))
        #expect(unknown.form == StaffFieldProblems.genericFormKey && unknown.fields["text"] == StaffFieldProblems.genericFieldKey)
    }

    @Test func aFormThePageCanJudgeItselfIsAnsweredBeforeAnythingIsSent() throws {
        func problems(_ change: StaffChange, _ body: String) throws -> [String: String] {
            guard case .failure(let problems) = StaffChangeForm(change, fields: try FormFields(parsing: body)).body() else { return [:] }
            return problems.fields
        }
        #expect(try problems(.extension, "days=ten&reason=x") == ["days": "staff_error_extension_days"])
        #expect(try problems(.extension, "days=5&reason=") == ["reason": "staff_error_extension_reason"])
        #expect(try problems(.transition, "to=nowhere") == ["to": "staff_error_transition_to"])
        #expect(try problems(.transition, "to=rejected&reason=bored&duplicateOf=abc").keys.sorted() == ["duplicateOf", "reason"])
        #expect(try problems(.referral, "bodyName=Office&dueAt=2026-02-30") == ["dueAt": "staff_error_referral_dueAt"])
        #expect(try problems(.publication, "title.en=&summary.ru=%D0%9E") == ["title.ky": "staff_error_publication_title"])
        #expect(try problems(.response, "text=+&channel=") == ["text": "staff_error_response_text", "channel": "staff_error_response_channel"])
        #expect(try problems(.transition, "to=verified&note=fine").isEmpty)
    }
}
