import HTTPTypes
import ServiceKit

/// Every error code of the broadcasts service, defined once. The kit's own (validation, not found, stale
/// version, …) are in ServiceKit.
extension ServiceError {
    /// The move is not in the transition table; the problem names the moves there are.
    static func illegalTransition(from: EpisodeStatus, allowed: [EpisodeStatus]) -> ServiceError {
        let codes = allowed.map(\.rawValue)
        return ServiceError(
            .conflict, code: "illegal_transition",
            detail: "An episode that is \(from.rawValue) can move to: \(codes.isEmpty ? "nothing" : codes.joined(separator: ", ")).",
            fieldErrors: ["to": codes.isEmpty ? "no move is allowed from \(from.rawValue)" : "must be one of: \(codes.joined(separator: ", "))"])
    }

    /// A published or cancelled episode is a record: its details and guests no longer change.
    static func episodeIsFinal(_ status: EpisodeStatus) -> ServiceError {
        ServiceError(.conflict, code: "episode_final", detail: "The episode is \(status.rawValue): it no longer changes; plan another.")
    }

    /// The episode has as many guests as one may have.
    static let guestsFull = ServiceError(
        .conflict, code: "guests_full", detail: "An episode has at most \(BroadcastLimits.maxGuests) guests; decline one instead of adding more.")
}

// MARK: Questions and the live queue

extension ServiceError {
    /// The episode takes no questions in its state.
    static func questionIntakeClosed(_ status: EpisodeStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "question_intake_closed",
            detail: "The episode is \(status.rawValue): it takes questions while \(EpisodeStatus.intakeOpen.rawValue) or \(EpisodeStatus.live.rawValue).")
    }

    /// The episode holds as many questions as one may.
    static let questionsFull = ServiceError(
        .conflict, code: "questions_full", detail: "An episode takes at most \(BroadcastLimits.maxQuestionsPerEpisode) questions.")

    /// The move is not in the question's transition table; the problem names the moves there are.
    static func illegalQuestionTransition(from: QuestionState, allowed: [QuestionState]) -> ServiceError {
        let codes = allowed.map(\.rawValue)
        return ServiceError(
            .conflict, code: "illegal_question_transition",
            detail: "A question that is \(from.rawValue) can move to: \(codes.isEmpty ? "nothing" : codes.joined(separator: ", ")).",
            fieldErrors: ["to": codes.isEmpty ? "no move is allowed from \(from.rawValue)" : "must be one of: \(codes.joined(separator: ", "))"])
    }

    /// A question is merged into another open question of the same episode, never into itself.
    static let mergeTargetInvalid = ServiceError(
        .unprocessableContent, code: "merge_target_invalid",
        detail: "mergeInto must name another question of the same episode that is not hidden, rejected or merged.",
        fieldErrors: ["mergeInto": "must name another open question of the same episode"])

    /// Deferring moves a question to the show's next episode, and there is none.
    static let noNextEpisode = ServiceError(
        .conflict, code: "no_next_episode", detail: "The show has no later episode that takes questions; plan one first.")

    /// No pending question has this receipt code.
    static let unknownReceiptCode = ServiceError(.notFound, code: "unknown_receipt_code", detail: "No question has this receipt code.")

    /// Too many unknown receipt codes from this client.
    static func tooManyReceiptLookups(retryAfterSeconds seconds: Int) -> ServiceError {
        tooManyAttempts("unknown receipt codes", retryAfterSeconds: seconds)
    }

    /// Too many upvotes from this client in a short time.
    static func tooManyUpvotes(retryAfterSeconds seconds: Int) -> ServiceError {
        tooManyAttempts("upvotes", retryAfterSeconds: seconds)
    }

    /// Upvoting needs the gateway's client key, which tells one client from another.
    static let clientUnknown = ServiceError(
        .badRequest, code: "client_unknown", detail: "Upvotes come through the gateway, which tells one client from another.")

    /// The appeal has no public summary to quote (or does not exist).
    static let appealNotQuotable = ServiceError(
        .unprocessableContent, code: "appeal_not_quotable", detail: "The appeal has no public summary: publish one in appeals first.",
        fieldErrors: ["appealId": "names no appeal with a public summary"])

    /// The appeal is already a question of this episode.
    static let appealAlreadyImported = ServiceError(
        .conflict, code: "appeal_already_imported", detail: "This appeal is already a question of the episode.")

    /// Appeals could not be asked for the summary.
    static let appealsUnavailable = ServiceError(
        .serviceUnavailable, code: "appeals_unavailable", detail: "The appeals service did not answer; try again shortly.")

    /// This replica holds as many live streams as it may.
    static let liveStreamsFull = ServiceError(
        .serviceUnavailable, code: "live_streams_full", detail: "Too many live streams are open; try again shortly.")

    /// `Last-Event-ID` is not a number this stream could have sent.
    static let invalidLastEventID = ServiceError(
        .badRequest, code: "invalid_last_event_id", detail: "Last-Event-ID must be the id of an event this stream sent.")
}

// MARK: The answer log and its legal review

extension ServiceError {
    /// Answers are logged once the episode went on air.
    static func episodeNotAired(_ status: EpisodeStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "episode_not_aired",
            detail: "The episode is \(status.rawValue): answers are logged once it is live, ended or published.")
    }

    /// Only a question answered on air (fully or in part) has an answer to log.
    static func questionNotAnswered(_ state: QuestionState) -> ServiceError {
        ServiceError(
            .conflict, code: "question_not_answered",
            detail: "The question is \(state.rawValue): mark it answered or partially_answered first.")
    }

    /// The question already has its entry in this episode's log.
    static let answerExists = ServiceError(
        .conflict, code: "answer_exists", detail: "This question already has an answer in this episode's log; change that one instead.")

    /// The episode's log holds as many answers as one may.
    static let answerLogFull = ServiceError(
        .conflict, code: "answer_log_full", detail: "An episode's log holds at most \(AnswerLimits.maxAnswersPerEpisode) answers.")

    /// The summary is with the legal expert, or approved: it no longer changes.
    static func answerNotEditable(_ status: ReviewStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "answer_not_editable",
            detail: "The answer is \(status.rawValue): it changes only as a draft or when sent back for correction.")
    }

    /// The review move is not in the transition table; the problem names the moves there are.
    static func illegalReviewTransition(from: ReviewStatus, allowed: [ReviewStatus]) -> ServiceError {
        let codes = allowed.map(\.rawValue)
        let list = codes.isEmpty ? "nothing" : codes.joined(separator: ", ")
        return ServiceError(
            .conflict, code: "illegal_review_transition", detail: "An answer that is \(from.rawValue) can move to: \(list).",
            fieldErrors: ["to": codes.isEmpty ? "no move is allowed from \(from.rawValue)" : "must be one of: \(list)"])
    }
}
