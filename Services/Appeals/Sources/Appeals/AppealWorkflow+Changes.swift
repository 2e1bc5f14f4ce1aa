import Foundation
import Hummingbird
import Models
import ServiceKit

/// The changes staff make to the appeal itself: its status, who works on it, its deadline, its staff fields.
extension AppealWorkflow {
    /// Moves the appeal along ``AppealStatus/allowedTransitions``.
    func transition(_ caller: Authorized, ifMatch request: Request, _ input: AppealTransition) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, principal, now in
            let from = appeal.status
            let isReopening = from == .closed && input.to == .inVerification
            guard from.allowedTransitions.contains(input.to) else {
                throw ServiceError.illegalTransition(from: from, allowed: from.allowedTransitions.map(\.rawValue))
            }
            if isReopening, !principal.roles.contains(.coordinator), !principal.roles.contains(.admin) {
                throw ServiceError.reopeningNeedsCoordinator
            }
            if principal.roles.isDisjoint(with: AppealAccess.caseworkers), input.to != .answered {
                throw ServiceError.legalExpertsOnlyAnswer
            }
            if input.to == .rejected {
                guard let reason = input.reason else { throw ServiceError.validationFailed(["reason": "is required when rejecting"]) }
                if reason == .duplicate {
                    guard let original = input.duplicateOf, original != appeal.id, try await appeals.find(original) != nil else {
                        throw ServiceError.validationFailed(["duplicateOf": "must name another existing appeal when the reason is duplicate"])
                    }
                    appeal.duplicateOf = original
                }
                appeal.rejectionReason = reason
            }
            if input.to == .verified { appeal.verifiedAt = now }
            if input.to == .answered { appeal.answeredAt = now }
            if input.to == .closed { appeal.closedAt = now }
            if isReopening { appeal.closedAt = nil }
            appeal.status = input.to
            var events = [Event(action: .transition, from: from, to: input.to, note: input.note, isPublic: false)]
            if let publicNote = input.publicNote { events.append(Event(action: .publicNote, note: publicNote, isPublic: true)) }
            return events
        }
    }

    /// Names the verifier and the legal expert; a blank name unassigns.
    func assign(_ caller: Authorized, ifMatch request: Request, _ input: AppealAssignment) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, _, _ in
            appeal.verifierSubject = input.verifier?.nilIfBlank
            appeal.legalExpertSubject = input.legalExpert?.nilIfBlank
            return [Event(action: .assignment, note: "verifier: \(appeal.verifierSubject ?? "none"); legal expert: \(appeal.legalExpertSubject ?? "none")")]
        }
    }

    /// Extends the response deadline, once, of an open appeal.
    func extend(_ caller: Authorized, ifMatch request: Request, _ input: DeadlineExtension) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, _, _ in
            guard appeal.extensionReason == nil else { throw ServiceError.alreadyExtended }
            guard appeal.status.isOpen else { throw ServiceError.notOpen }
            appeal.responseDueAt += TimeInterval(input.days) * Appeal.secondsPerDay
            appeal.extensionReason = input.reason
            return [Event(action: .extension, note: "deadline extended by \(input.days) days: \(input.reason)")]
        }
    }

    /// Sets the staff fields: the searchable summary, the sensitivity flag, a corrected category.
    func annotate(_ caller: Authorized, ifMatch request: Request, _ input: AppealAnnotation) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, _, _ in
            var changed: [String] = []
            if let summary = input.staffSummary {
                appeal.staffSummary = summary.nilIfBlank
                changed.append("staffSummary")
            }
            if let sensitive = input.isSensitive {
                appeal.isSensitive = sensitive
                changed.append("isSensitive")
            }
            if let category = input.categoryCode {
                appeal.categoryCode = category
                changed.append("categoryCode")
            }
            return [Event(action: .annotation, note: "changed: \(changed.joined(separator: ", "))")]
        }
    }
}
