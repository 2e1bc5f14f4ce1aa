/// Moving a question one place up or down the moderator's order: the API sorts by `queuePosition` (unset last),
/// then by arrival, and a move changes only the one question, so the new position is taken from its neighbour.
enum StaffBroadcastQueueOrder {
    /// The position that puts the question at `index` of `positions` (the list in the API's order) before the one
    /// above it, `nil` for the first. Above an unplaced neighbour, every question above is unplaced too, so it goes
    /// just after the placed ones.
    static func up(_ index: Int, in positions: [Int?]) -> Int? {
        guard index > 0, index < positions.count else { return nil }
        if let above = positions[index - 1] { return max(StaffBroadcastQuestionChange.positions.lowerBound, above - 1) }
        let placed = positions.compactMap { $0 }
        return min(StaffBroadcastQuestionChange.positions.upperBound, (placed.max() ?? -1) + 1)
    }

    /// The position that puts the question at `index` after the one below it, `nil` for the last or when the one below
    /// is unplaced (arrival order decides there, and the question cannot be unplaced again).
    static func down(_ index: Int, in positions: [Int?]) -> Int? {
        guard index >= 0, index + 1 < positions.count, let below = positions[index + 1] else { return nil }
        return min(StaffBroadcastQuestionChange.positions.upperBound, below + 1)
    }
}
