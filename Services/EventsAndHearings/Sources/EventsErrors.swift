import HTTPTypes
import ServiceKit

/// Every error code of the events-and-hearings service, defined once. The kit's own (validation, not
/// found, stale version, …) are in ServiceKit.
extension ServiceError {
    /// The move is not in the transition table; the problem names the moves there are.
    static func illegalTransition(from: EventStatus, allowed: [EventStatus]) -> ServiceError {
        let codes = allowed.map(\.rawValue)
        return ServiceError(
            .conflict, code: "illegal_transition",
            detail: "An event that is \(from.rawValue) can move to: \(codes.isEmpty ? "nothing" : codes.joined(separator: ", ")).",
            fieldErrors: ["to": codes.isEmpty ? "no move is allowed from \(from.rawValue)" : "must be one of: \(codes.joined(separator: ", "))"])
    }

    /// A council member reached for an event that is neither their council's nor in their region.
    static let notYourEvent = forbidden(
        because: "A council member runs only the events their council organises or that take place in its region.")

    /// A closed or cancelled event no longer changes.
    static func eventIsFinal(_ status: EventStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "event_final", detail: "The event is \(status.rawValue): it no longer changes; copy it to plan another.")
    }

    /// The event has no recurrence rule, so it has no occurrences to change.
    static let notASeries = ServiceError(
        .conflict, code: "not_a_series", detail: "This event does not repeat; set its recurrence rule first.")

    /// The agenda holds as many items as an event may have.
    static let agendaFull = ServiceError(
        .conflict, code: "agenda_full", detail: "An event's agenda holds at most \(EventLimits.maxAgendaItems) items; remove one first.")
}

// MARK: Reports, recommendations and scorecards

extension ServiceError {
    /// A report and recommendations are written about an event that took place and is not closed yet.
    static func eventNotHeld(_ status: EventStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "event_not_held",
            detail: "The event is \(status.rawValue): reports and recommendations are written while it is held or report_pending.")
    }

    /// The event has its report already; change that one.
    static let reportExists = ServiceError(
        .conflict, code: "report_exists", detail: "The event has a report already: read it and change it with its ETag.")

    /// Only a draft report is edited; a submitted one is sent back to draft first.
    static func reportNotDraft(_ status: ReportStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "report_not_draft", detail: "The report is \(status.rawValue): only a draft is edited; send it back to draft first.")
    }

    /// The report's move is not in its transition table; the problem names the moves there are.
    static func illegalReportTransition(from: ReportStatus, allowed: [ReportStatus]) -> ServiceError {
        let codes = allowed.map(\.rawValue)
        return ServiceError(
            .conflict, code: "illegal_report_transition",
            detail: "A report that is \(from.rawValue) can move to: \(codes.isEmpty ? "nothing" : codes.joined(separator: ", ")).",
            fieldErrors: ["to": codes.isEmpty ? "no move is allowed from \(from.rawValue)" : "must be one of: \(codes.joined(separator: ", "))"])
    }

    /// A council member submits a report; project staff approve it.
    static let approvalByStaff = forbidden(because: "Only project staff (coordinators, admins) approve a report.")

    /// The recommendation's move is not in its transition table; the problem names the moves there are.
    static func illegalRecommendationTransition(from: RecommendationStatus, allowed: [RecommendationStatus]) -> ServiceError {
        let codes = allowed.map(\.rawValue)
        return ServiceError(
            .conflict, code: "illegal_recommendation_transition",
            detail: "A recommendation that is \(from.rawValue) can move to: \(codes.isEmpty ? "nothing" : codes.joined(separator: ", ")).",
            fieldErrors: ["to": codes.isEmpty ? "no move is allowed from \(from.rawValue)" : "must be one of: \(codes.joined(separator: ", "))"])
    }

    /// Progress is reported while the work is under way.
    static func progressNotOpen(_ status: RecommendationStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "progress_not_open",
            detail: "The recommendation is \(status.rawValue): progress is reported while it is in_progress or partially_implemented.")
    }

    /// The event holds as many recommendations as one event may.
    static let recommendationsFull = ServiceError(
        .conflict, code: "recommendations_full",
        detail: "An event holds at most \(RecommendationLimits.maxPerEvent) recommendations.")
}

// MARK: Registrations, invitations, attendance

extension ServiceError {
    /// Registrations are taken only while the event is `registration_open`; the problem names its state.
    static func registrationNotOpen(_ status: EventStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "registration_not_open",
            detail: "The event is \(status.rawValue): registrations are taken only while it is registration_open.")
    }

    /// A withdrawal or a decision once the event has taken place.
    static func registrationsFinal(_ status: EventStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "registrations_final",
            detail: "The event is \(status.rawValue): its registrations no longer change, only their attendance.")
    }

    /// The registration was withdrawn or rejected: nothing more happens to it.
    static func registrationNotActive(_ status: RegistrationStatus) -> ServiceError {
        ServiceError(.conflict, code: "registration_not_active", detail: "The registration is \(status.rawValue): it no longer changes.")
    }

    /// Only a pending registration can be confirmed.
    static func registrationNotPending(_ status: RegistrationStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "registration_not_pending",
            detail: "The registration is \(status.rawValue): only a pending one is confirmed; a waitlisted one moves up when a place frees.")
    }
}

extension ServiceError {
    /// The answer is not one the invitation can move to; the problem names those it can.
    static func illegalRSVP(from: RSVP, allowed: [RSVP]) -> ServiceError {
        let codes = allowed.map(\.rawValue).joined(separator: ", ")
        return ServiceError(
            .conflict, code: "illegal_rsvp", detail: "An invitation that is \(from.rawValue) can move to: \(codes).",
            fieldErrors: ["rsvp": "must be one of: \(codes)"])
    }

    /// The event has sent as many invitations as one may.
    static let invitationsFull = ServiceError(
        .conflict, code: "invitations_full", detail: "An event sends at most \(InvitationLimits.maxPerEvent) invitations.")

    /// Attendance is not taken in the event's state; the problem names the states it is taken in.
    static func attendanceNotOpen(_ status: EventStatus, takenWhile states: [EventStatus]) -> ServiceError {
        ServiceError(
            .conflict, code: "attendance_not_open",
            detail: "The event is \(status.rawValue): this attendance is taken while it is \(states.map(\.rawValue).joined(separator: ", ")).")
    }

    /// A check-in pass that this service did not sign for this event, or whose registration is gone.
    static let invalidCheckInPass = ServiceError(
        .unprocessableContent, code: "invalid_check_in_pass", detail: "This QR code is not a check-in pass of this event.",
        fieldErrors: ["pass": "must be the QR code of a receipt for this event"])

    /// Only a confirmed registration checks in: a pending one awaits staff, a waitlisted one a place.
    static func registrationNotConfirmed(_ status: RegistrationStatus) -> ServiceError {
        ServiceError(
            .conflict, code: "registration_not_confirmed",
            detail: "The registration is \(status.rawValue): only a confirmed one checks in; count the person as a walk-in if there is room.")
    }

    // Organisations of the gateway's directory

    /// Organisation IDs that name no organisation of the gateway's directory, or a disabled one; `fieldErrors` names each field.
    static func unknownOrganizations(_ fieldErrors: [String: String]) -> ServiceError {
        ServiceError(
            .unprocessableContent, code: "unknown_organization",
            detail: "Some organisation IDs name no enabled organisation of the directory; see `errors` for which.", fieldErrors: fieldErrors)
    }

    /// The gateway's directory could not be asked whether the organisations exist: nothing was written.
    static let directoryUnavailable = ServiceError(
        .serviceUnavailable, code: "directory_unavailable",
        detail: "The directory of organisations did not answer, so nothing was saved; try again shortly.")
}
