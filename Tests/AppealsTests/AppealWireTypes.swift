// swift-format-ignore-file: AlwaysUseLowerCamelCase
// Open311 GeoReport v2 names its fields in snake_case; these types carry the spec's names as they are.

import Foundation

// What the tests read of appeals' answers, decoded from the wire: only the fields they check, so a
// renamed internal type cannot break a test while a changed response does.

/// The answer to a submission.
struct Receipt: Decodable {
    let id: String
    let trackingCode: String?
    let replayNotice: String?
}

/// An appeal as staff (or, with fewer fields, a council or partner) read it.
struct AppealView: Decodable {
    let id: String
    let status: String
    let channel: String?
    let regionCode: String?
    let locality: String?
    let description: String?
    let submitter: Submitter?
    let gender: String?
    let ageGroup: String?
    let vulnerableGroups: [String]?
    let isAnonymous: Bool?
    let isOverdue: Bool?
    let consent: [String: Bool]?
    let version: Int?

    struct Submitter: Decodable {
        let name: String?
        let phone: String?
    }
}

/// A page of the staff list of appeals.
struct AppealList: Decodable {
    let items: [AppealView]
    let overdueCount: Int?
}

/// What an appellant sees when tracking an appeal.
struct TrackedAppeal: Decodable {
    let status: String
    let description: String?
    let responses: [Reply]?

    struct Reply: Decodable {}
}

/// An appeal's case file: its history, verifications and referrals.
struct CaseFile: Decodable {
    let entries: [Entry]?
    let referrals: [Referral]?
    let verifications: [Verification]?

    struct Entry: Decodable { let action: String }
    struct Referral: Decodable { let id: String }
    struct Verification: Decodable { let outcome: String }
}

/// A published (redacted) copy of an appeal.
struct PublishedAppeal: Decodable {
    let id: String
    let status: String?
    let title: [String: String]?
    let locality: String?
    let publishedOn: String?
    let receivedAt: String?
    let publishedAt: String?
    let responses: [Reply]?

    struct Reply: Decodable {}
}

/// A page of published appeals.
struct PublishedList: Decodable {
    let items: [PublishedAppeal]
}

/// A thesaurus entry (a category or a vulnerable group).
struct ThesaurusEntry: Decodable {
    let code: String
    let name: [String: String]
}

/// A page of thesaurus entries.
struct ThesaurusList: Decodable {
    let items: [ThesaurusEntry]
}

/// An Open311 service request as GeoReport v2 lists it.
struct Open311Request: Decodable {
    let service_request_id: String
    let status: String?
    let address: String?
    let agency_responsible: String?
    let requested_datetime: String?
    let updated_datetime: String?
}

/// Statistics: each figure a number, or "<5" where a small count is withheld.
struct Statistics: Decodable {
    let total: Count
    let overdue: Count
    let byStatus: [String: Count]
    let byRegion: [String: Count]
    let byCategory: [String: Count]
    let byChannel: [String: Count]
    let byGender: [String: Count]
    let byAgeGroup: [String: Count]
    let byVulnerableGroup: [String: Count]
    let byMonth: [String: Count]
    let medianDaysToVerification: Double?

    /// Every count in it, for checks that hold for all of them.
    var allCounts: [Count] {
        [total, overdue] + [byStatus, byRegion, byCategory, byChannel, byGender, byAgeGroup, byVulnerableGroup, byMonth].flatMap(\.values)
    }

    /// A disclosed count.
    enum Count: Decodable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral {
        case number(Int)
        case withheld(String)

        init(integerLiteral value: Int) { self = .number(value) }
        init(stringLiteral value: String) { self = .withheld(value) }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) { self = .number(number) } else { self = .withheld(try container.decode(String.self)) }
        }
    }
}

/// The names of a JSON object's fields, for checks that a caller sees exactly an allow-list of them.
struct FieldNames: Decodable {
    let names: Set<String>

    init(from decoder: any Decoder) throws {
        names = Set(try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue))
    }

    private struct AnyKey: CodingKey {
        let stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Any list answer, `{"items": [...]}`, with items of the type a test reads.
struct Items<Item: Decodable>: Decodable {
    let items: [Item]
}
