import Models

/// The messages of a staff broadcast form refused by the API: each named field's own text, and for the form a text
/// per problem code the broadcasts API can answer with, in the person's language (never the API's English).
enum StaffBroadcastProblems {
    /// The problem codes with a text of their own, `broadcasts_staff_problem_<code>`.
    static let knownCodes: Set<String> = [
        "validation_failed", "malformed_json", "forbidden", "illegal_transition", "episode_final", "illegal_question_transition",
        "merge_target_invalid", "no_next_episode", "questions_full", "appeal_not_quotable", "appeal_already_imported", "episode_not_aired",
        "question_not_answered", "answer_exists", "answer_log_full", "answer_not_editable", "illegal_review_transition", "not_found",
    ]
    /// For a refusal no text above names.
    static let otherKey = "broadcasts_staff_problem_other"
    /// For a call that got no answer (broadcasts, or appeals behind it, not reachable now).
    static let unavailableKey = "broadcasts_staff_problem_unavailable"

    /// The messages of `problem` for a form whose fields with their own texts are `known` (`prefix` + name).
    static func messages(_ problem: Problem, known: Set<String>, mapping: [String: String] = [:], prefix: String) -> FieldMessages {
        var messages = FieldMessages(problem, known: known, mapping: mapping, prefix: prefix)
        messages.form = knownCodes.contains(problem.code) ? "broadcasts_staff_problem_\(problem.code)" : otherKey
        return messages
    }

    /// A form-wide message by its catalogue key alone.
    static func form(_ key: String) -> FieldMessages {
        var messages = FieldMessages(prefix: "")
        messages.form = key
        return messages
    }

    /// Every catalogue key this type names.
    static var catalogueKeys: Set<String> {
        Set(knownCodes.map { "broadcasts_staff_problem_\($0)" } + [otherKey, unavailableKey])
    }
}
