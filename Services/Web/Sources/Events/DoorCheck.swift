import Foundation
import Models
import NIOHTTP1
import ServiceKit

/// What the door page says after a code or a pass was typed or scanned, in large type.
enum DoorOutcome: String, CaseIterable, Sendable {
    case checkedIn = "checked_in"
    case alreadyCheckedIn = "already_checked_in"
    case walkedIn = "walked_in"
    case notFound = "not_found"
    case notAPass = "not_a_pass"
    case waitlisted
    case pending
    case inactive
    case notOpen = "not_open"
    case throttled
    case missing

    /// The verdict's catalogue key; `<key>_advice` says what to do next.
    var textKey: String { "staff_door_result_\(rawValue)" }

    /// How the verdict is coloured: let in, wait and see, or not let in on this.
    var tone: String {
        switch self {
        case .checkedIn, .walkedIn: "good"
        case .alreadyCheckedIn, .waitlisted, .pending: "wait"
        case .notFound, .notAPass, .inactive, .notOpen, .throttled, .missing: "bad"
        }
    }
}

/// The verdict with the person's name when the API shows it to the caller, and their place when waitlisted.
struct DoorResult: Sendable {
    var outcome: DoorOutcome
    var name: String?
    var waitlistPosition: Int?
}

/// Checking a person in at the door by what staff typed or scanned: a registration code (`ABCD-EFGH`) or a QR pass
/// (`OMEV1.<event>.<registration>.<signature>`). The registration is read first, so the page can tell "waitlisted"
/// and "pending" from a check-in; the check-in itself is the API's, which verifies the pass's signature and says
/// whether it checked the person in or they already were, so two doors checking one person at once never both
/// say "checked in".
struct DoorCheck: Sendable {
    /// The first part of a check-in pass, naming its format (as the events service writes it).
    static let passPrefix = "OMEV1."
    /// The longest text passed on: a pass is about 120 characters, a code 9 (the API's bound is 200).
    static let maxTypedLength = 200

    let api: PageAPI

    /// What the check-in came to.
    enum Answer: Sendable {
        case result(DoorResult)
        case refused(Problem)
        case unavailable
    }

    /// Checks in the registration of `typed` at event `eventID`.
    func checkIn(_ typed: String, eventID: UUID, context: ServiceRequestContext) async -> Answer {
        let eventPath = "/api/v1/events/\(eventID.uuidString.lowercased())"
        let registrationID: UUID
        let proof: EventsWire.CheckIn
        if typed.uppercased().hasPrefix(Self.passPrefix) {
            let parts = typed.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4, UUID(uuidString: String(parts[1])) == eventID, let id = UUID(uuidString: String(parts[2])) else {
                return .result(DoorResult(outcome: .notAPass))
            }
            (registrationID, proof) = (id, EventsWire.CheckIn(pass: typed))
        } else {
            let lookup = await api.send(
                .POST, EventsWire.service, "/api/v1/events/registrations/lookup", json: EventsWire.RegistrationCode(code: typed),
                as: EventsWire.RegistrationStatusView.self, context: context)
            switch lookup {
            case .success(let view, _) where view.eventId == eventID: (registrationID, proof) = (view.id, EventsWire.CheckIn(code: typed))
            case .success: return .result(DoorResult(outcome: .notFound))
            case .problem(let problem) where problem.status == 429: return .result(DoorResult(outcome: .throttled))
            case .problem: return .result(DoorResult(outcome: .notFound))
            case .unavailable: return .unavailable
            }
        }
        let read = await api.get(
            EventsWire.service, "\(eventPath)/registrations/\(registrationID.uuidString.lowercased())", as: EventsWire.Registration.self, context: context)
        let registration: EventsWire.Registration
        switch read {
        case .success(let value, _): registration = value
        case .problem(let problem) where problem.status == 404:
            return .result(DoorResult(outcome: proof.pass == nil ? .notFound : .notAPass))
        case .problem(let problem): return .refused(problem)
        case .unavailable: return .unavailable
        }
        let name = registration.participant.name
        switch registration.status {
        case .waitlisted: return .result(DoorResult(outcome: .waitlisted, name: name, waitlistPosition: registration.waitlistPosition))
        case .pending: return .result(DoorResult(outcome: .pending, name: name))
        case .withdrawn, .rejected: return .result(DoorResult(outcome: .inactive, name: name))
        case .confirmed: break
        }
        switch await api.send(.POST, EventsWire.service, "\(eventPath)/check-ins", json: proof, as: EventsWire.Registration.self, context: context) {
        case .success(let checkedIn, _):
            return .result(DoorResult(outcome: checkedIn.alreadyCheckedIn == true ? .alreadyCheckedIn : .checkedIn, name: checkedIn.participant.name))
        case .problem(let problem) where problem.code == "invalid_check_in_pass": return .result(DoorResult(outcome: .notAPass))
        case .problem(let problem) where problem.code == "attendance_not_open": return .result(DoorResult(outcome: .notOpen, name: name))
        case .problem(let problem) where problem.code == "registration_not_confirmed" || problem.code == "registration_not_active":
            // Changed between the read and the check-in (a decision by other staff meanwhile).
            return .result(DoorResult(outcome: .inactive, name: name))
        case .problem(let problem): return .refused(problem)
        case .unavailable: return .unavailable
        }
    }
}
