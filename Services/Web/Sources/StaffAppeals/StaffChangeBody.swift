import Foundation
import Models

/// The JSON body of a change, as the appeals API documents it.
enum StaffChangeBody: Encodable, Sendable {
    case verification(Verification)
    case transition(Transition)
    case assignment(Assignment)
    case referral(Referral)
    case reply(Reply)
    case response(Response)
    case `extension`(Extension)
    case publication(Publication)
    /// No body (withdrawing the public copy).
    case none

    func encode(to encoder: any Encoder) throws {
        switch self {
        case .verification(let body): try body.encode(to: encoder)
        case .transition(let body): try body.encode(to: encoder)
        case .assignment(let body): try body.encode(to: encoder)
        case .referral(let body): try body.encode(to: encoder)
        case .reply(let body): try body.encode(to: encoder)
        case .response(let body): try body.encode(to: encoder)
        case .extension(let body): try body.encode(to: encoder)
        case .publication(let body): try body.encode(to: encoder)
        case .none: try [String: String]().encode(to: encoder)
        }
    }

    struct Verification: Encodable, Sendable {
        var sourcesChecked: [String]
        var evidenceNotes: String
        var outcome: String
    }

    struct Transition: Encodable, Sendable {
        var to: String
        var note: String?
        var publicNote: String?
        var reason: String?
        var duplicateOf: UUID?
    }

    /// Both always sent: a blank field removes that assignment.
    struct Assignment: Encodable, Sendable {
        var verifier: String?
        var legalExpert: String?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(verifier, forKey: .verifier)
            try container.encode(legalExpert, forKey: .legalExpert)
        }

        enum CodingKeys: String, CodingKey { case verifier, legalExpert }
    }

    /// To a duty-bearer in the directory or, for a body not in it, by its name: one of the two.
    struct Referral: Encodable, Sendable {
        var organizationId: UUID?
        var bodyName: String?
        var dueAt: String?
    }

    struct Reply: Encodable, Sendable {
        var reply: String
    }

    struct Response: Encodable, Sendable {
        var text: String
        var channel: String
        var reference: String?
        var isPublic: Bool
    }

    struct Extension: Encodable, Sendable {
        var days: Int
        var reason: String
    }

    struct Publication: Encodable, Sendable {
        var title: LocalizedText?
        var summary: LocalizedText?
        var isSensitive: Bool
        var publicLocality: String?
    }
}
