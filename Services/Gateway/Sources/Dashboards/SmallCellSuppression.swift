/// Small-cell suppression for the public (DESIGN.md §8): a count from 1 to 4 is shown as "<5", so no one
/// is identifiable from a public figure.
///
/// Hiding only those cells is not enough where a total is shown beside them: the total minus the shown
/// cells would give the hidden one back. So within each group of cells that add up to a shown total (the
/// months of a period, the regions, the values of a disaggregation), once a cell is hidden, the smallest
/// shown cells are hidden too until at least two are hidden and the hidden ones add up to 5 or more: the
/// difference then tells only a sum that several different cells could make up.
enum SmallCellSuppression {
    /// The smallest count shown as itself; 1 to one below it are suppressed (0 is shown: nobody is in it).
    static let threshold = 5.0

    /// Whether a count is too small to show.
    static func isSmall(_ count: Double) -> Bool { count > 0 && count < threshold }

    /// Which of `counts`, one group adding up to a shown total, to hide.
    static func hidden(_ counts: [Double]) -> [Bool] {
        var hidden = counts.map(isSmall)
        guard hidden.contains(true) else { return hidden }
        func hiddenSum() -> Double { zip(counts, hidden).filter(\.1).reduce(0) { $0 + $1.0 } }
        while hidden.filter({ $0 }).count < 2 || hiddenSum() < threshold {
            let candidates = counts.indices.filter { !hidden[$0] && counts[$0] > 0 }
            guard let next = candidates.min(by: { counts[$0] < counts[$1] }) else { break }
            hidden[next] = true
        }
        return hidden
    }
}
