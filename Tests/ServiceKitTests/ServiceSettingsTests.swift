import Crypto
import Foundation
import Logging
import Persistence
import ServiceKit
import TestSupport
import Testing

@Suite struct ServiceSettingsTests {
    func settings(_ overrides: [String: String], requiresGatewayKey: Bool = true) throws -> ServiceSettings {
        let reader = TestConfiguration.reader(service: "appeals", database: .sqlite(path: "/tmp/x/appeals.sqlite"), overrides: overrides)
        return try ServiceSettings(serviceName: "appeals", reader: reader, defaultPort: 8081, requiresGatewayKey: requiresGatewayKey)
    }

    @Test(arguments: [
        ("http.port", "eighty", "HTTP_PORT"),
        ("http.port", "70000", "HTTP_PORT"),
        ("log.level", "loud", "LOG_LEVEL"),
        ("identity.signing.key", "c2hvcnQ=", "IDENTITY_SIGNING_KEY"),
        ("identity.gateway.public.key", "", "IDENTITY_GATEWAY_PUBLIC_KEY"),
        ("identity.trusted.services", "nobody=abc", "IDENTITY_TRUSTED_SERVICES"),
        ("database.url", "mysql://db/x", "DATABASE_URL"),
        ("services.grants.url", "ftp://grants", "SERVICES_GRANTS_URL"),
    ])
    func aMalformedOrMissingSettingStopsStartUpNamingIt(key: String, value: String, setting: String) {
        #expect {
            try settings([key: value])
        } throws: { error in
            (error as? ConfigurationError)?.setting == setting
        }
    }

    @Test func defaultsApplyWhenSettingsAreUnset() throws {
        let settings = try settings(["http.port": ""])
        #expect(settings.port == 8081)
        #expect(settings.maxBodyBytes == 1 << 20)
        #expect(settings.logLevel == .warning)
        #expect(settings.database == .sqlite(path: "/tmp/x/appeals.sqlite"))
    }

    @Test func secretsCanComeFromFiles() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        let key = IdentityKeys.generatePrivateKey()
        try (key + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let settings = try settings(["identity.signing.key": "", "identity.signing.key.file": file.path])
        #expect(settings.signingKey.rawRepresentation == IdentityKeys.privateKey(from: key)?.rawRepresentation)
    }

    @Test func theGatewayNeedsNoGatewayKey() throws {
        let settings = try settings(["identity.gateway.public.key": ""], requiresGatewayKey: false)
        #expect(settings.gatewayPublicKey == nil)
    }

    @Test func serviceURLsAreReadPerService() throws {
        let settings = try settings(["services.events.and.hearings.url": "http://events:8082"])
        #expect(settings.serviceURLs["events-and-hearings"] == URL(string: "http://events:8082"))
    }

    /// The services' own secrets: sealing keys and a hashing key, each refused by name when missing or malformed.
    @Test(arguments: [
        ("", Self.goodKey, "APPEALS_ENCRYPTION_KEYS"),
        ("v1:c2hvcnQ=", Self.goodKey, "APPEALS_ENCRYPTION_KEYS"),
        ("v1:\(Self.goodKey)", "", "APPEALS_TRACKING_KEY"),
        ("v1:\(Self.goodKey)", "c2hvcnQ=", "APPEALS_TRACKING_KEY"),
    ])
    func aServicesSecretIsRequiredAndChecked(keys: String, trackingKey: String, setting: String) {
        let reader = TestConfiguration.reader(
            service: "appeals", database: .sqlite(path: "/tmp/x/appeals.sqlite"),
            overrides: ["appeals.encryption.keys": keys, "appeals.tracking.key": trackingKey])
        let settings = SettingsReader(reader: reader)
        #expect {
            _ = try settings.requiredCipher("appeals.encryption.keys", meaning: "keys")
            _ = try settings.requiredSecretKey("appeals.tracking.key", meaning: "a key")
        } throws: { error in
            (error as? ConfigurationError)?.setting == setting
        }
    }

    /// 32 bytes of sevens, base64.
    static let goodKey = Data(repeating: 7, count: 32).base64EncodedString()

    @Test func aServicesSecretsAreRead() throws {
        let key = Self.goodKey
        let reader = TestConfiguration.reader(
            service: "appeals", database: .sqlite(path: "/tmp/x/appeals.sqlite"),
            overrides: ["appeals.encryption.keys": "new:\(key),old:\(key)", "appeals.tracking.key": key])
        let settings = SettingsReader(reader: reader)
        let cipher = try settings.requiredCipher("appeals.encryption.keys", meaning: "keys")
        let record = UUID()
        let sealed = try cipher.seal(Data("Aigerim".utf8), recordID: record, field: "name")
        #expect(try cipher.open(sealed, recordID: record, field: "name") == Data("Aigerim".utf8))
        let secret = try settings.requiredSecretKey("appeals.tracking.key", meaning: "a key")
        #expect(secret.withUnsafeBytes { Data($0) } == Data(repeating: 7, count: 32))
    }
}
