/// The indicators appeals reports (each `appeals.<name>` on the wire):
/// - `received`, `verified`, `published`, `answered`, `closed`: how many, in the month it happened;
/// - `median_days_to_answer`: whole days from receipt to answer, over the month's answers (per month and
///   region only, see ``AppealIndicatorCounts/keys(_:region:indicator:period:days:)``);
/// - `overdue`: appeals still awaiting an answer that fell due in the month, on a day already over.
enum AppealIndicator: String, CaseIterable, Sendable {
    case received, verified, published, answered, closed, overdue
    case medianDaysToAnswer = "median_days_to_answer"

    /// The name on the wire.
    var name: String { "appeals.\(rawValue)" }

    /// The median of a histogram of whole days: the middle one, or the mean of the middle two.
    static func median(_ histogram: [(days: Int, appeals: Int)]) -> Double {
        let sorted = histogram.sorted { $0.days < $1.days }
        let total = sorted.reduce(0) { $0 + $1.appeals }
        func value(at rank: Int) -> Int {
            var seen = 0
            for bucket in sorted {
                seen += bucket.appeals
                if rank < seen { return bucket.days }
            }
            return sorted.last?.days ?? 0
        }
        return Double(value(at: (total - 1) / 2) + value(at: total / 2)) / 2
    }
}
