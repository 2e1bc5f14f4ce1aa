import Models

/// The indicators broadcasts reports, each `broadcasts.<name>` on the wire (the gateway believes a
/// service's figures only under its own name):
/// - `episodes_aired`: episodes that went on air (live, ended or published), in the month they started and
///   the region they were made in or for; an episode without a region is not counted;
/// - `questions_received`: questions sent, imported or passed on by partners, in the month they arrived, in total and
///   by the asker's sex and age band where they gave them (`unknown` otherwise): the askers;
/// - `questions_approved`, `questions_deferred`, `questions_referred`: questions a moderator approved, deferred to
///   the next episode or referred on air, in the month it happened (each question once a month);
/// - `questions_answered`: questions answered on air, fully or in part, in the month of the first answer;
/// - `answered_from_appeals`: those of them imported from appeals;
/// - `median_days_to_answer`: the median of the days from a question's arrival to its first answer, among
///   those answered in the month.
///
/// A question counts under its asker's region, or its episode's when the asker gave none.
enum BroadcastIndicator: String, CaseIterable, Sendable {
    case episodesAired = "episodes_aired"
    case questionsReceived = "questions_received"
    case questionsApproved = "questions_approved"
    case questionsAnswered = "questions_answered"
    case questionsDeferred = "questions_deferred"
    case questionsReferred = "questions_referred"
    case answeredFromAppeals = "answered_from_appeals"
    case medianDaysToAnswer = "median_days_to_answer"

    /// The prefix of every name: the service's own.
    static let prefix = ServiceCatalog.broadcasts.name + "."

    /// The name on the wire.
    var name: String { Self.prefix + rawValue }
}
