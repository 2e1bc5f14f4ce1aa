import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// `POST /api/v1/appeals` (anyone, anonymous included), and tracking by code: `POST /api/v1/appeals/track`
/// with the code in the body (kept out of access logs), or `GET /api/v1/appeals/track/{code}`.
struct SubmissionController {
    let appeals: AppealRepository
    let history: HistoryRepository
    let records: CaseRecordRepository
    let thesaurus: ThesaurusRepository
    let settings: AppealsSettings
    let idempotency: IdempotencyMiddleware
    /// The time now (receipt times, deadlines); injected so tests can move it.
    let now: @Sendable () -> Date
    /// Wrong codes per client (by the gateway's client key): ten free for typos, then a wait of 1 s that
    /// doubles with each further wrong code up to a minute. Everyone behind a shared address (a carrier
    /// NAT) waits at most a minute, never a lock-out, while guessing stays hopeless: at one guess a
    /// minute a client makes about 525,000 guesses a year, and with a million live appeals among 2^60
    /// codes each guess hits with odds of about 1 in 10^12, so a year of guessing wins with odds under
    /// 1 in 2,000,000 per client key. A right code does not clear the count, or a guesser who knows one
    /// code could keep guessing at full speed.
    let trackingFailures = FailureBackoff(freeFailures: 10, initialDelay: 1, maxDelay: 60, forgetAfter: 15 * 60)

    func register(on router: ServiceRouter) {
        router.group("/api/v1/appeals").add(middleware: NoStoreMiddleware()).add(middleware: idempotency).post(use: submit)
        router.group("/api/v1/appeals/track").add(middleware: NoStoreMiddleware())
            .get("{code}", use: trackByPath)
            .post(use: trackByBody)
    }

    struct NewAppeal: Decodable {
        let channel: Channel
        let regionCode: Region
        let locality: String?
        let categoryCode: String
        let language: Language
        let description: String
        let submitter: Submitter?
        let consent: AppealDocument.Consent
    }

    struct Receipt: Encodable {
        let id: UUID
        /// Shown only here: only its keyed hash is stored.
        let trackingCode: String
        let status: AppealStatus
        let responseDueAt: Date
    }

    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let identity = try context.requireIdentity()
        let input = try await request.decodeJSON(as: NewAppeal.self, context: context)
        let principal: Principal? = if case .principal(let principal) = identity { principal } else { nil }
        return try .json(try await create(input, submittedBy: principal), status: .created).withSecretFields(["trackingCode"])
    }

    /// Validates and stores a new appeal; the one path for the web form, partner systems and Open311.
    func create(_ input: NewAppeal, submittedBy principal: Principal?) async throws -> Receipt {
        try await validate(input)
        let now = now()
        let code = TrackingCodes.generate()
        let submitter = input.submitter.flatMap { $0 == Submitter() ? nil : $0 }
        let appeal = Appeal(
            id: .v7(at: now),
            // A partner system's submissions are partner-channel whatever it says, so statistics stay honest.
            channel: principal?.isAPIKey == true ? .partner : input.channel,
            regionCode: input.regionCode, locality: input.locality?.nilIfBlank, categoryCode: input.categoryCode,
            language: input.language, description: input.description, submitter: submitter,
            gender: submitter?.gender, ageGroup: submitter?.ageGroup, vulnerableGroups: submitter?.vulnerableGroups ?? [],
            consentToContact: input.consent.contact, consentToPublication: input.consent.publication,
            status: .received, rejectionReason: nil, duplicateOf: nil, isSensitive: false, staffSummary: nil,
            verifierSubject: nil, legalExpertSubject: nil,
            submittedBySubject: principal?.subject ?? IdentityAssertion.anonymousSubject,
            submittedByOrganization: principal?.roles.contains(.csoPartner) == true ? principal?.organizationID : nil,
            receivedAt: now, responseDueAt: now.addingTimeInterval(TimeInterval(settings.responseDays) * 86_400),
            extensionReason: nil, verifiedAt: nil, answeredAt: nil, closedAt: nil, updatedAt: now, version: 1
        )
        let trackingHash = settings.trackingCodes.hash(TrackingCodes.normalize(code)!)
        try await appeals.insert(appeal, trackingHash: trackingHash, with: history.appendStatement(
            to: appeal.id, actor: appeal.submittedBySubject, action: "submitted", to: .received,
            note: "Appeal received.", isPublic: true, at: now
        ))
        return Receipt(id: appeal.id, trackingCode: code, status: appeal.status, responseDueAt: appeal.responseDueAt)
    }

    private func validate(_ input: NewAppeal) async throws {
        var errors: [String: String] = [:]
        AppealTextLimits.description.check(input.description, field: "description", into: &errors)
        AppealTextLimits.locality.check(input.locality, field: "locality", into: &errors)
        if try await !thesaurus.isActiveCategory(input.categoryCode) {
            errors["categoryCode"] = "must be one of the codes at GET /api/v1/appeals/categories"
        }
        if let submitter = input.submitter {
            AppealTextLimits.submitterName.check(submitter.name, field: "submitter.name", into: &errors)
            if let phone = submitter.phone, AppealTextLimits.phone.problem(with: phone) != nil || phone.contains(where: { !"+0123456789 ()-".contains($0) }) {
                errors["submitter.phone"] = "must be a phone number of at most \(AppealTextLimits.phone.maxBytes) digits, spaces and +()-"
            }
            if let email = submitter.email, AppealTextLimits.email.problem(with: email) != nil || email.split(separator: "@").count != 2 {
                errors["submitter.email"] = "must be an email address of at most \(AppealTextLimits.email.maxBytes) bytes"
            }
            if let gender = submitter.gender, Sex(rawValue: gender) == nil {
                errors["submitter.gender"] = "must be one of \(Sex.acceptedCodes)"
            }
            if let ageGroup = submitter.ageGroup, AgeBand(rawValue: ageGroup) == nil {
                errors["submitter.ageGroup"] = "must be one of \(AgeBand.acceptedCodes)"
            }
            if let groups = submitter.vulnerableGroups {
                // The thesaurus is seeded with the platform's codes (``VulnerableGroup``); coordinators may add more.
                let isBounded = groups.count <= 12 && groups.allSatisfy { AppealTextLimits.code.problem(with: $0) == nil }
                let known = isBounded ? try await thesaurus.activeCodes(.vulnerableGroups, among: groups) : []
                if !isBounded || known.count != Set(groups).count {
                    errors["submitter.vulnerableGroups"] = "must be codes from GET /api/v1/appeals/vulnerable-groups"
                }
            }
        }
        if input.consent.contact, input.submitter?.phone == nil, input.submitter?.email == nil {
            errors["consent.contact"] = "needs a phone or email to contact you on"
        }
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
    }

    /// What an appellant sees when tracking: status, last update, public notes and published responses.
    struct Tracking: ResponseEncodable {
        let status: AppealStatus
        let lastUpdatedAt: Date
        let responseDueAt: Date
        let notes: [Note]
        let responses: [PublishedResponse]

        struct Note: Encodable {
            let at: Date
            let text: String
        }
    }


    /// `POST /api/v1/appeals/track` with `{"code": …}`: the code stays out of URLs and so out of access logs.
    struct TrackingRequest: Decodable {
        let code: String
    }

    @Sendable func trackByBody(_ request: Request, context: ServiceRequestContext) async throws -> Tracking {
        try await track(code: try await request.decodeJSON(as: TrackingRequest.self, context: context).code, context: context)
    }

    @Sendable func trackByPath(_ request: Request, context: ServiceRequestContext) async throws -> Tracking {
        try await track(code: context.parameters.get("code") ?? "", context: context)
    }

    private func track(code typed: String, context: ServiceRequestContext) async throws -> Tracking {
        let client = context.clientKey ?? "unknown"
        if let seconds = trackingFailures.retryAfter(client) {
            throw ServiceError.tooManyTrackingAttempts(retryAfterSeconds: seconds)
        }
        guard let code = TrackingCodes.normalize(typed),
              let appeal = try await appeals.find(trackingHash: settings.trackingCodes.hash(code))
        else {
            trackingFailures.recordFailure(client)
            throw ServiceError.unknownTrackingCode
        }
        return Tracking(
            status: appeal.status, lastUpdatedAt: appeal.updatedAt, responseDueAt: appeal.responseDueAt,
            notes: try await history.entries(for: appeal.id, publicOnly: true).compactMap { entry in entry.note.map { .init(at: entry.occurredAt, text: $0) } },
            responses: try await records.responses(for: appeal.id, publicOnly: true).map(PublishedResponse.init)
        )
    }
}

/// A response as the public sees it: no author, only the answer.
struct PublishedResponse: Codable, Sendable {
    let text: String
    let channel: ResponseChannel
    let reference: String?
    let at: Date

    init(_ response: CaseRecordRepository.Response) {
        text = response.text
        channel = response.channel
        reference = response.reference
        at = response.createdAt
    }
}

extension String {
    var nilIfBlank: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}
