import Foundation
import Hummingbird
import Models
import ServiceKit

/// The changes that add to an appeal's case file: fact-checks, referrals and their replies, responses.
extension AppealWorkflow {
    /// Records a fact-check, while the appeal is in verification.
    func verify(_ caller: Authorized, ifMatch request: Request, _ input: NewVerification) async throws -> Changed {
        // Validated already, so the outcome is one of the vocabulary's.
        let outcome = VerificationOutcome(rawValue: input.outcome)!
        return try await change(caller, ifMatch: request) { appeal, principal, now in
            guard appeal.status == .inVerification else { throw ServiceError.notInVerification }
            let record = CaseRecordRepository.Verification(
                id: .v7(), sourcesChecked: input.sourcesChecked, evidenceNotes: input.evidenceNotes,
                outcome: outcome, recordedBy: principal.subject, recordedAt: now)
            return [
                Event(
                    action: .verification, note: "outcome: \(outcome.rawValue)",
                    record: { [records, id = appeal.id] in try await records.insert(record, appealID: id, on: $0) })
            ]
        }
    }

    /// Refers a checked, open appeal to a duty-bearer; a verified or answered appeal becomes referred.
    func refer(_ caller: Authorized, ifMatch request: Request, _ input: NewReferral) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, principal, now in
            guard appeal.status.isVerifiedOrLater, appeal.status.isOpen else { throw ServiceError.notReferable }
            let referral = CaseRecordRepository.Referral(
                id: .v7(), organizationId: input.organizationId, bodyName: input.bodyName,
                sentAt: input.sentAt ?? now, dueAt: input.dueAt, reply: nil, repliedAt: nil, createdBy: principal.subject)
            var events = [
                Event(
                    action: .referral, note: "referred to \(input.recipient)",
                    record: { [records, id = appeal.id] in try await records.insert(referral, appealID: id, on: $0) })
            ]
            if appeal.status == .verified || appeal.status == .answered {
                events.insert(Event(action: .transition, from: appeal.status, to: .referred), at: 0)
                appeal.status = .referred
            }
            return events
        }
    }

    /// Records the duty-bearer's reply to one of the appeal's referrals, once.
    func recordReply(_ caller: Authorized, ifMatch request: Request, to referralID: UUID, _ input: ReferralReply) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, _, now in
            [
                Event(
                    action: .referralReply, note: "the duty-bearer replied",
                    record: { [records, id = appeal.id] session in
                        guard try await records.recordReply(input.reply, to: referralID, appealID: id, at: now, on: session) else {
                            throw ServiceError.replyNotRecordable
                        }
                    })
            ]
        }
    }

    /// Answers a checked, open appeal; it becomes answered if it was not.
    func respond(_ caller: Authorized, ifMatch request: Request, _ input: NewResponse) async throws -> Changed {
        try await change(caller, ifMatch: request) { appeal, principal, now in
            guard appeal.status.isVerifiedOrLater, appeal.status.isOpen else { throw ServiceError.notAnswerable }
            let response = CaseRecordRepository.Response(
                id: .v7(), text: input.text, channel: input.channel, author: principal.subject,
                reference: input.reference, isPublic: input.isPublic ?? false, createdAt: now)
            var events = [
                Event(
                    action: .response, note: "answered via \(input.channel.rawValue)",
                    record: { [records, id = appeal.id] in try await records.insert(response, appealID: id, on: $0) })
            ]
            if appeal.status != .answered {
                events.insert(Event(action: .transition, from: appeal.status, to: .answered), at: 0)
                appeal.status = .answered
                appeal.answeredAt = now
            }
            return events
        }
    }
}
