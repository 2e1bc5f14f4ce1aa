import Foundation
import Models
import ServiceKit

/// How many of an event's participants fall in each value of the platform's disaggregations (DESIGN.md
/// §8), by code: `{"sex": {"female": 12, "male": 9}, "ageBand": {…}, …}`. Counts people who chose to say;
/// a dimension's counts add up to at most the attendee count (vulnerable groups overlap, so each one
/// alone is at most that).
struct ParticipantCounts: Codable, Equatable, Sendable {
    var sex: [String: Int] = [:]
    var ageBand: [String: Int] = [:]
    var vulnerableGroup: [String: Int] = [:]
    var stakeholderType: [String: Int] = [:]

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        sex = try container.decodeIfPresent([String: Int].self, forKey: .sex) ?? [:]
        ageBand = try container.decodeIfPresent([String: Int].self, forKey: .ageBand) ?? [:]
        vulnerableGroup = try container.decodeIfPresent([String: Int].self, forKey: .vulnerableGroup) ?? [:]
        stakeholderType = try container.decodeIfPresent([String: Int].self, forKey: .stakeholderType) ?? [:]
    }

    /// The counts of those of `participants` who said, each field counted only as given (and so consented
    /// to: ``NewRegistration`` keeps no field without its consent).
    init(_ participants: some Sequence<Participant>) {
        for participant in participants {
            if let sex = participant.sex { self.sex[sex.rawValue, default: 0] += 1 }
            if let ageBand = participant.ageBand { self.ageBand[ageBand.rawValue, default: 0] += 1 }
            for group in participant.vulnerableGroups ?? [] { vulnerableGroup[group.rawValue, default: 0] += 1 }
            if let type = participant.stakeholderType { stakeholderType[type.rawValue, default: 0] += 1 }
        }
    }

    /// These counts with `other`'s added, code by code.
    func adding(_ other: ParticipantCounts) -> ParticipantCounts {
        func sum(_ one: [String: Int], _ two: [String: Int]) -> [String: Int] { one.merging(two) { $0 &+ $1 } }
        var total = ParticipantCounts()
        total.sex = sum(sex, other.sex)
        total.ageBand = sum(ageBand, other.ageBand)
        total.vulnerableGroup = sum(vulnerableGroup, other.vulnerableGroup)
        total.stakeholderType = sum(stakeholderType, other.stakeholderType)
        return total
    }

    /// Adds to `errors` what is wrong: unknown codes, negative counts, sums above `attendees`.
    func check(attendees: Int, into errors: inout FieldErrors, field: String) {
        func check<Code: ClosedVocabulary>(_ counts: [String: Int], _ vocabulary: Code.Type, name: String, overlapping: Bool = false) {
            for (code, count) in counts.sorted(by: { $0.key < $1.key }) {
                if Code(rawValue: code) == nil { errors.add("\(field).\(name).\(code.prefix(40))", "must be one of \(Code.acceptedCodes)") }
                if count < 0 || count > attendees {
                    errors.add("\(field).\(name).\(code.prefix(40))", "must be from 0 to the attendee count (\(attendees))")
                }
            }
            if !overlapping, counts.values.reduce(0, { $0 &+ max(0, $1) }) > attendees {
                errors.add("\(field).\(name)", "the counts add up to more than the attendee count (\(attendees))")
            }
        }
        check(sex, Sex.self, name: "sex")
        check(ageBand, AgeBand.self, name: "ageBand")
        check(vulnerableGroup, VulnerableGroup.self, name: "vulnerableGroup", overlapping: true)
        check(stakeholderType, StakeholderType.self, name: "stakeholderType")
    }
}
