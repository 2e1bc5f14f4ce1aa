import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

@testable import Gateway

/// Emails are normalised, may hold no hidden characters, and may not look like another account's.
@Suite struct EmailTests {
    @Test func theSkeletonMapsLookalikeLettersToLatin() {
        #expect(EmailAddress.skeleton(of: "\u{0430}dmin@x.kg") == EmailAddress.skeleton(of: "admin@x.kg")) // Cyrillic а
        #expect(EmailAddress.skeleton(of: "\u{0420}\u{0410}YPAL@X.KG") == EmailAddress.skeleton(of: "paypal@x.kg")) // Cyrillic Р, А
        #expect(EmailAddress.skeleton(of: "\u{039F}mbudsman@x.kg") == EmailAddress.skeleton(of: "ombudsman@x.kg")) // Greek Ο
        #expect(EmailAddress.skeleton(of: "ＡＤＭＩＮ@x.kg") == EmailAddress.skeleton(of: "admin@x.kg")) // fullwidth
        #expect(EmailAddress.skeleton(of: "admin@x.kg") != EmailAddress.skeleton(of: "admim@x.kg"))
        #expect(EmailAddress.normalized(" Straße@Example.KG ") == "strasse@example.kg")
    }

    @Test(arguments: [
        "zero\u{200B}width@example.org", "bidi\u{202E}gro.elpmaxe@example.org", "bom\u{FEFF}@example.org",
        "filler\u{3164}@example.org", "bell\u{07}@example.org",
    ])
    func hiddenCharactersAreRefused(email: String) {
        #expect(EmailAddress.problem(with: EmailAddress.normalized(email)) != nil)
    }

    @Test(arguments: TestDatabases.kinds)
    func emailsAreNormalisedOnCreateUpdateAndSignIn(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let id = try await gateway.createUser(email: "ＷＩＤＥ@Example.ORG", roles: [.verifier], token: admin)
            #expect(try await gateway.send(.get, "/api/v1/users/\(id)", token: admin).decoded(as: UserView.self).email == "wide@example.org")
            #expect(try await gateway.login("Wide@EXAMPLE.org", "a long enough password").status == .ok)

            #expect(
                try await gateway.change("/api/v1/users/\(id)", json: GatewayHarness.object(["email": "Narrow@Example.ORG"]), token: admin)
                    .decoded(as: UserView.self).email == "narrow@example.org")
            #expect(try await gateway.login("ＮＡＲＲＯＷ@example.org", "a long enough password").status == .ok)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func hiddenCharactersAndLookalikesAreRefusedWithCodes(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            func create(_ email: String) async throws -> TestResponse {
                try await gateway.send(
                    .post, "/api/v1/users", token: admin,
                    json: GatewayHarness.object(
                        ["email": email, "displayName": "Someone", "password": "a long enough password", "roles": ["verifier"]]))
            }
            let hidden = try await create("ad\u{200D}min@example.org")
            #expect(hidden.status == .unprocessableContent)
            #expect(hidden.problemCode == "validation_failed")
            #expect(hidden.problem?.errors?["email"]?.contains("invisible") == true)

            // The bootstrap admin is admin@example.org; a Cyrillic а makes an address that looks the same.
            let lookalike = try await create("\u{0430}dmin@example.org")
            #expect(lookalike.status == .conflict)
            #expect(lookalike.problemCode == "email_confusable")

            let id = try await gateway.createUser(email: "someone@example.org", roles: [.verifier], token: admin)
            let changed = try await gateway.change("/api/v1/users/\(id)", json: GatewayHarness.object(["email": "\u{0391}DMIN@example.org"]), token: admin)
            #expect(changed.problemCode == "email_confusable")
        }
    }
}
