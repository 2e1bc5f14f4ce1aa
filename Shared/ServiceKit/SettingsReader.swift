import Configuration
import Foundation

/// Reads settings from a `ConfigReader` and refuses malformed values instead of silently using defaults.
///
/// Keys are dotted (`http.port`); the environment variable is the key upper-cased with `_`
/// (`HTTP_PORT`). Any key may instead be given as a file with the `_FILE` suffix (`IDENTITY_SIGNING_KEY_FILE`),
/// which is how Docker secrets arrive.
public struct SettingsReader: Sendable {
    let reader: ConfigReader

    /// Creates a settings reader over `reader`.
    public init(reader: ConfigReader) {
        self.reader = reader
    }

    /// The environment variable name of a dotted key.
    public static func environmentName(_ key: String) -> String {
        key.replacingOccurrences(of: ".", with: "_").uppercased()
    }

    /// The value of `key`, or the contents of the file named by `key.file`, or `nil`.
    public func string(_ key: String, isSecret: Bool = false) throws(ConfigurationError) -> String? {
        if let value = reader.string(forKey: ConfigKey(key), isSecret: isSecret), !value.isEmpty {
            return value
        }
        guard let path = reader.string(forKey: ConfigKey(key + ".file")), !path.isEmpty else { return nil }
        do {
            return try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        } catch {
            throw ConfigurationError(setting: Self.environmentName(key + ".file"), problem: "cannot read \(path)")
        }
    }

    /// The value of `key`, or `default` when unset.
    public func string(_ key: String, default defaultValue: String) throws(ConfigurationError) -> String {
        try string(key) ?? defaultValue
    }

    /// A required value.
    public func requiredString(_ key: String, isSecret: Bool = false, meaning: String) throws(ConfigurationError) -> String {
        guard let value = try string(key, isSecret: isSecret) else {
            throw ConfigurationError(setting: Self.environmentName(key), problem: "is required: \(meaning)")
        }
        return value
    }

    /// A whole number in `range`, or `default` when unset.
    public func int(_ key: String, default defaultValue: Int, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int {
        guard let raw = try string(key) else { return defaultValue }
        guard let value = Int(raw), range.contains(value) else {
            throw ConfigurationError(
                setting: Self.environmentName(key),
                problem: "expected a whole number from \(range.lowerBound) to \(range.upperBound), got \"\(raw)\""
            )
        }
        return value
    }
}
