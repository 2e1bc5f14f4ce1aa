import Foundation

/// A language the platform speaks (ISO 639-1).
public enum Language: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case kyrgyz = "ky"
    case russian = "ru"
    case english = "en"

    /// The languages a client prefers, best first, read from an `Accept-Language` header.
    ///
    /// Unknown languages are skipped and entries with `q=0` are refused; ties keep header order.
    public static func preferred(byAcceptLanguage header: String?) -> [Language] {
        guard let header else { return [] }
        let weighted: [(language: Language, weight: Double, position: Int)] =
            header
            .split(separator: ",")
            .enumerated()
            .compactMap { position, entry in
                let parts = entry.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let tag = parts.first, let primary = tag.split(separator: "-").first,
                    let language = Language(rawValue: primary.lowercased())
                else { return nil }
                let weight =
                    parts.dropFirst()
                    .first { $0.hasPrefix("q=") }
                    .flatMap { Double($0.dropFirst(2)) } ?? 1
                return weight > 0 ? (language, weight, position) : nil
            }
        var seen = Set<Language>()
        return
            weighted
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.position < $1.position }
            .map(\.language)
            .filter { seen.insert($0).inserted }
    }
}
