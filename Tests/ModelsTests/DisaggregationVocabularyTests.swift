import Foundation
import Models
import Testing

/// The platform's disaggregation codes (DESIGN.md §8): the wire codes every service and dashboard share.
@Suite struct DisaggregationVocabularyTests {
    @Test func theCodesAreTheDesignsCodes() {
        #expect(Sex.allCases.map(\.rawValue) == ["female", "male", "other", "undisclosed"])
        #expect(AgeBand.allCases.map(\.rawValue) == ["under_18", "18_29", "30_44", "45_59", "60_plus"])
        #expect(
            StakeholderType.allCases.map(\.rawValue)
                == ["right_holder", "duty_bearer", "journalist", "cso", "public_council", "ombudsman_staff", "expert", "other"])
        #expect(VulnerableGroup.allCases.count == 12)
        #expect(RightsTopic.allCases.count == 19)
    }

    @Test func everyCodeHasALabelInEveryLanguage() {
        let labels =
            Sex.allCases.map(\.label) + AgeBand.allCases.map(\.label) + StakeholderType.allCases.map(\.label)
            + VulnerableGroup.allCases.map(\.label) + RightsTopic.allCases.map(\.label)
        for label in labels {
            #expect(label.ky != nil && label.ru != nil && label.en != nil, "\(label)")
        }
        #expect(Set(VulnerableGroup.allCases.map(\.label.en)).count == VulnerableGroup.allCases.count)
    }

    @Test func anUnknownCodeIsRefusedNamingTheAcceptedOnes() throws {
        #expect(try JSONDecoder().decode([AgeBand].self, from: Data(#"["18_29"]"#.utf8)) == [.from18To29])
        let error = try #require(throws: DecodingError.self) { try JSONDecoder().decode([Sex].self, from: Data(#"["f"]"#.utf8)) }
        #expect("\(error)".contains("must be one of female, male, other, undisclosed"))
    }

    @Test func anIndicatorFigureHasTheDesignsShape() throws {
        let figure = IndicatorFigure(
            indicator: "appeals.received", period: "2026-03", regionCode: "KG-N",
            dimensions: IndicatorDimensions(sex: "female"), value: 3)
        let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(figure)) as? [String: Any])
        #expect(Set(json.keys) == ["indicator", "period", "regionCode", "dimensions", "value"])
        #expect(json["dimensions"] as? [String: String] == ["sex": "female"])
    }
}
