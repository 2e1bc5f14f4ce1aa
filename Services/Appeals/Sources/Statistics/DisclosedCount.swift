/// A count as statistics disclose it: small counts are withheld and the rest rounded, so no figure, and
/// no difference between figures, singles out an appeal.
///
/// - 0 is shown as `0`.
/// - 1 to 4 are shown as the string `"<5"`: a cell that small can be one person.
/// - 5 and more are rounded to the nearest multiple of 5 (7 → 5, 8 → 10), totals included. Rounding, not
///   secondary suppression, is what stops differencing: a total minus the other cells, or one period minus
///   an overlapping one, is then uncertain by several appeals, and the periods a caller may choose overlap
///   in more ways than suppressing cells within one answer could cover.
enum DisclosedCount: Encodable, Equatable, Sendable {
    case exactly(Int)
    case fewerThanFive

    /// Counts below this are withheld; also the fewest values a median is computed from.
    static let threshold = 5
    /// What a withheld count reads as.
    static let withheld = "<5"

    init(_ count: Int) {
        switch count {
        case ...0: self = .exactly(0)
        case 1..<Self.threshold: self = .fewerThanFive
        default: self = .exactly((count + Self.threshold / 2) / Self.threshold * Self.threshold)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .exactly(let count): try container.encode(count)
        case .fewerThanFive: try container.encode(Self.withheld)
        }
    }
}
