import ServiceKit
import Testing

@Suite struct TextLimitTests {
    let description = TextLimit(maxBytes: 16_000, required: true)

    @Test func combiningMarksCannotInflateAText() {
        // 8,000 characters, each with 100 combining acute accents: 1.6 MB that counts as 8,000 Characters.
        let inflated = String(repeating: "a" + String(repeating: "\u{0301}", count: 100), count: 8_000)
        #expect(inflated.count == 8_000)
        #expect(description.problem(with: inflated) != nil)
        // Under the byte limit, too many marks on one character are still refused, and said so.
        let zalgo = "ok " + "a" + String(repeating: "\u{0301}", count: 5)
        #expect(description.problem(with: zalgo)?.contains("combining marks") == true)
    }

    @Test func realTextsInEveryLanguageFit() {
        // Vietnamese stacks two marks; a keycap emoji has a variation selector and an enclosing mark.
        for text in ["Мектеп кызымды кабыл албай жатат.", "Школа отказывается принять мою дочь.", "Trường học", "1\u{FE0F}\u{20E3} 👨‍👩‍👧‍👦"] {
            #expect(description.problem(with: text) == nil, "\(text)")
        }
        // 8,000 Cyrillic letters, the length the form promises, fit.
        #expect(description.problem(with: String(repeating: "ж", count: 8_000)) == nil)
    }

    @Test func theLimitIsInBytes() {
        let limit = TextLimit(maxBytes: 4)
        #expect(limit.problem(with: "abcd") == nil)
        #expect(limit.problem(with: "abcde")?.contains("4 bytes") == true)
        #expect(limit.problem(with: "жжж") != nil) // 3 characters, 6 bytes
        #expect(limit.problem(with: "") == nil)
        #expect(TextLimit(maxBytes: 4, required: true).problem(with: "  ") == "must not be blank")
    }

    @Test func aLimitInCharactersCountsCodePointsAsJSONSchemaDoes() {
        let name = TextLimit(maxCharacters: 3, required: true)
        #expect(name.problem(with: "өөө") == nil)
        #expect(name.problem(with: "abcd") == "must be at most 3 characters")
        // "é" as e + a combining accent is one Character but two code points, as `maxLength` counts it.
        #expect(name.problem(with: "ab" + "e\u{0301}") == "must be at most 3 characters")
        #expect(name.problem(with: " ") == "must not be blank")
    }
}
