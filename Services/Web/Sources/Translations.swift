import Foundation
import Models

/// The texts of the pages, one catalogue per language (`Resources/<language>.json`, key → text). Templates
/// never hold words of their own: they show `{{t.key}}`, and a test fails when a key a template uses is
/// missing from a catalogue, or when the catalogues' keys differ.
public struct Translations: Sendable {
    /// Each language's catalogue.
    public let catalogues: [Language: [String: String]]

    /// The catalogues embedded in the module.
    public static func embedded() throws -> Translations {
        var catalogues: [Language: [String: String]] = [:]
        for (language, bytes) in [(Language.kyrgyz, PackageResources.ky_json), (.russian, PackageResources.ru_json), (.english, PackageResources.en_json)] {
            do {
                catalogues[language] = try JSONDecoder().decode([String: String].self, from: Data(bytes))
            } catch {
                throw WebResourceError(file: "Resources/\(language.rawValue).json", problem: "is not a JSON object of texts: \(error)")
            }
        }
        return Translations(catalogues: catalogues)
    }

    /// The texts of `language`.
    public func texts(_ language: Language) -> [String: String] {
        catalogues[language] ?? [:]
    }
}

/// A template or catalogue the site is built from cannot be read: start-up stops, naming it.
public struct WebResourceError: Error, CustomStringConvertible {
    /// The resource, relative to `Services/Web/Sources`.
    public let file: String
    /// What is wrong with it.
    public let problem: String

    public var description: String { "\(file) \(problem)" }
}
