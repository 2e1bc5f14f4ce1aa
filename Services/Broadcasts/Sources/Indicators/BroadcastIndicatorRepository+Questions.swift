import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The question figures of ``BroadcastIndicator``. A question counts under its asker's region, or its
/// episode's when the asker gave none; one with neither is not counted.
extension BroadcastIndicatorRepository {
    /// Questions received in the period, in total and by the asker's sex and age band (`unknown` where not
    /// given), and, among those answered in the period, how many came from appeals and the median days.
    func questions(from: Int64, to: Int64, into tally: inout Tally) async throws {
        for row in try await database.sql.raw(
            """
            SELECT q.*, e.region_code AS episode_region FROM questions q JOIN episodes e ON e.id = q.episode_id
            WHERE q.created_at >= \(bind: from) AND q.created_at < \(bind: to)
            """
        ).all() {
            let question = try questions.question(row)
            guard let region = try Self.region(of: question, row) else { continue }
            let month = BishkekTime.month(of: question.createdAt)
            tally.add(.questionsReceived, month, region)
            tally.add(.questionsReceived, month, region, .init(sex: question.asker?.sex?.rawValue ?? IndicatorDimensions.unknown))
            tally.add(.questionsReceived, month, region, .init(ageBand: question.asker?.ageBand?.rawValue ?? IndicatorDimensions.unknown))
        }
        var days: [String: [Double]] = [:]
        for row in try await database.sql.raw(
            """
            SELECT q.region, q.source, q.created_at, q.answered_at, e.region_code AS episode_region FROM questions q
            JOIN episodes e ON e.id = q.episode_id WHERE q.answered_at >= \(bind: from) AND q.answered_at < \(bind: to)
            """
        ).all() {
            guard let region = try row.decode(column: "region", as: String?.self) ?? row.decode(column: "episode_region", as: String?.self) else {
                continue
            }
            let answeredAt = try row.date("answered_at")
            let month = BishkekTime.month(of: answeredAt)
            tally.add(.questionsAnswered, month, region)
            if try row.enumeration("source", as: QuestionSource.self) == .appeal { tally.add(.answeredFromAppeals, month, region) }
            days["\(month)|\(region)", default: []].append(answeredAt.timeIntervalSince(try row.date("created_at")) / 86_400)
        }
        for (key, values) in days {
            let parts = key.split(separator: "|").map(String.init)
            tally.set(.medianDaysToAnswer, parts[0], parts[1], Self.median(values))
        }
    }

    /// Moves into `approved`, `deferred` and `referred` in the period: each question once per month and state.
    func moves(from: Int64, to: Int64, into tally: inout Tally) async throws {
        let indicators: [QuestionState: BroadcastIndicator] = [.approved: .questionsApproved, .deferred: .questionsDeferred, .referred: .questionsReferred]
        var seen = Set<String>()
        for row in try await database.sql.raw(
            """
            SELECT h.question_id, h.to_state, h.occurred_at, q.region, e.region_code AS episode_region FROM question_history h
            JOIN questions q ON q.id = h.question_id JOIN episodes e ON e.id = h.episode_id
            WHERE h.occurred_at >= \(bind: from) AND h.occurred_at < \(bind: to) AND h.to_state IN (\(binds: indicators.keys.map(\.rawValue).sorted()))
            """
        ).all() {
            guard let indicator = indicators[try row.enumeration("to_state", as: QuestionState.self)],
                let region = try row.decode(column: "region", as: String?.self) ?? row.decode(column: "episode_region", as: String?.self)
            else { continue }
            let month = BishkekTime.month(of: try row.date("occurred_at"))
            guard seen.insert("\(try row.decode(column: "question_id", as: String.self))|\(indicator.rawValue)|\(month)").inserted else { continue }
            tally.add(indicator, month, region)
        }
    }

    /// The asker's region, else the episode's.
    private static func region(of question: Question, _ row: any SQLRow) throws -> String? {
        try question.region?.code ?? row.decode(column: "episode_region", as: String?.self)
    }

    /// The middle value (the mean of the two middle ones for an even count), rounded to a hundredth of a day.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let middle = sorted.count / 2
        let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        return (median * 100).rounded() / 100
    }
}
