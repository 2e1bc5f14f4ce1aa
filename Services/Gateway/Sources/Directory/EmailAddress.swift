import Foundation

/// How the directory compares emails: one normal form for storing and signing in, and a confusable
/// skeleton so nobody can open `аdmin@x.kg` (Cyrillic а) beside `admin@x.kg` to impersonate its owner.
enum EmailAddress {
    /// The longest address accepted, in UTF-8 bytes (RFC 5321's path limit less the brackets, which counts octets).
    static let maxBytes = 254

    /// The stored and compared form: trimmed, NFKC (fullwidth and ligature forms become plain letters)
    /// and case-folded (`ß` and `ss` are the same address, as mail providers treat them).
    static func normalized(_ raw: String) -> String {
        raw.trimmingCharacters(in: .whitespacesAndNewlines)
            .precomposedStringWithCompatibilityMapping
            .folding(options: [.caseInsensitive], locale: nil)
    }

    /// Why `normalized` (an already normalised address) is refused, or `nil` when it is acceptable.
    static func problem(with normalized: String) -> String? {
        if normalized.unicodeScalars.contains(where: isHidden) {
            return "must not contain control or invisible characters (zero-width, direction marks, fillers)"
        }
        let parts = normalized.split(separator: "@", omittingEmptySubsequences: false)
        if normalized.utf8.count > maxBytes || parts.count != 2 || parts[0].isEmpty || !parts[1].contains(".")
            || normalized.contains(where: \.isWhitespace)
        {
            return "must be an email address"
        }
        return nil
    }

    /// The address reduced to what a reader sees: Cyrillic and Greek letters that look like Latin ones
    /// become those Latin letters. Two addresses with one skeleton are confusable.
    static func skeleton(of email: String) -> String {
        String(String.UnicodeScalarView(normalized(email).unicodeScalars.map { homoglyphs[$0] ?? $0 }))
    }

    /// Characters a reader cannot see or that change how text around them is shown: controls, format
    /// characters (zero-width spaces and joiners, bidi overrides and isolates, the BOM), default-ignorable
    /// code points (variation selectors, Hangul fillers), private-use and unassigned code points.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .privateUse, .surrogate, .unassigned, .lineSeparator, .paragraphSeparator: return true
        default: return scalar.properties.isDefaultIgnorableCodePoint
        }
    }

    /// Lower-case Cyrillic and Greek letters (case folding has already lowered capitals) mapped to the
    /// Latin letter they look like in lower or upper case, after Unicode's confusables list (UTS #39).
    private static let homoglyphs: [Unicode.Scalar: Unicode.Scalar] = {
        let pairs: [(String, Character)] = [
            // Cyrillic
            ("а", "a"), ("в", "b"), ("ь", "b"), ("с", "c"), ("ԁ", "d"), ("е", "e"), ("ё", "e"), ("һ", "h"), ("н", "h"),
            ("і", "i"), ("ї", "i"), ("ӏ", "l"), ("ј", "j"), ("к", "k"), ("м", "m"), ("о", "o"), ("р", "p"), ("ԛ", "q"),
            ("ѕ", "s"), ("т", "t"), ("у", "y"), ("ү", "y"), ("ѵ", "v"), ("ԝ", "w"), ("х", "x"),
            // Greek
            ("α", "a"), ("β", "b"), ("ε", "e"), ("ζ", "z"), ("η", "h"), ("ι", "i"), ("κ", "k"), ("μ", "m"), ("ν", "v"),
            ("ο", "o"), ("ρ", "p"), ("τ", "t"), ("υ", "y"), ("χ", "x"),
            // Latin letters that pass for others
            ("ı", "i"), ("ɑ", "a"), ("ɡ", "g"), ("ɩ", "i"), ("ʏ", "y"),
        ]
        return Dictionary(uniqueKeysWithValues: pairs.map { ($0.0.unicodeScalars.first!, $0.1.unicodeScalars.first!) })
    }()
}
