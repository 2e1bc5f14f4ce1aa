/// A secret setting a service needs besides the kit's own (its signing key): one that `openmedia` generates
/// on first start and keeps in `<data dir>/keys/`, and tests fill with a random value. Deployments set it
/// themselves (`deploy/generate-secrets`).
public struct GeneratedSecret: Sendable {
    /// The dotted setting it fills (`appeals.tracking.key`, i.e. `APPEALS_TRACKING_KEY`).
    public let setting: String
    /// The file it is kept in under `<data dir>/keys/` (`appeals-tracking.secret`), without the extension.
    public let fileName: String
    /// Turns a new random secret (base64 of 32 bytes) into the setting's value, e.g. by adding a key ID.
    public let value: @Sendable (_ randomBase64: String) -> String

    /// Declares a generated secret.
    public init(setting: String, fileName: String, value: @escaping @Sendable (_ randomBase64: String) -> String = { $0 }) {
        self.setting = setting
        self.fileName = fileName
        self.value = value
    }
}
