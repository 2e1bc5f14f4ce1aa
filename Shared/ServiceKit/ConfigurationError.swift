/// A setting is missing or malformed; start-up stops with this message, which names the setting.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The environment variable, e.g. `HTTP_PORT`.
    public let setting: String
    /// What is wrong and what is expected.
    public let problem: String

    /// Creates an error about `setting`.
    public init(setting: String, problem: String) {
        self.setting = setting
        self.problem = problem
    }

    public var description: String { "\(setting): \(problem)" }
}
