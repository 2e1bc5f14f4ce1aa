import Models
import ServiceKit
import Testing

struct FieldErrorsTests {
    @Test func collectsEveryFieldsFirstProblemAndThrowsThemAsOne() throws {
        var errors = FieldErrors()
        errors.check("", TextLimit(maxBytes: 10, required: true), field: "name")
        errors.check(String(repeating: "ж", count: 6), TextLimit(maxBytes: 10), field: "name")
        errors.checkRange(0, in: 1...20, field: "limit")
        errors.checkCount([1, 2, 3], in: 0...2, field: "groups")
        errors.checkOneOf("neither", Sex.self, field: "sex")
        errors.require(false, field: "roles", "must name at least one role")
        errors.check(nil, TextLimit(maxBytes: 1, required: true), field: "optional")
        #expect(
            errors.messages == [
                "name": "must not be blank",
                "limit": "must be from 1 to 20",
                "groups": "must have at most 2 items",
                "sex": "must be one of \(Sex.acceptedCodes)",
                "roles": "must name at least one role",
            ])
        let thrown = #expect(throws: ServiceError.self) { try errors.throwIfAny() }
        #expect(thrown?.code == "validation_failed")
        #expect(thrown?.fieldErrors == errors.messages)
    }

    @Test func validInputThrowsNothing() throws {
        var errors = FieldErrors()
        errors.check("Бишкек", TextLimit(maxBytes: 12, required: true), field: "city")
        errors.checkRange(5, in: 1...20, field: "limit")
        errors.checkCount(["a"], in: 1...2, field: "groups")
        errors.checkOneOf(Sex.female.rawValue, Sex.self, field: "sex")
        #expect(errors.isEmpty)
        try errors.throwIfAny()
    }

    @Test func checksEveryLanguageOfATextAndRecordsARulesProblem() throws {
        var errors = FieldErrors()
        let name = try LocalizedText(ky: String(repeating: "ж", count: 7), ru: "Бишкек", en: "Bishkek")
        errors.check(languagesOf: name, TextLimit(maxBytes: 12), field: "name")
        errors.check(languagesOf: nil, TextLimit(maxBytes: 1), field: "title")
        errors.add("email", problem: "must be an email address")
        errors.add("password", problem: nil)
        #expect(errors.messages == ["name.ky": TextLimit(maxBytes: 12).sizeRule, "email": "must be an email address"])
    }
}
