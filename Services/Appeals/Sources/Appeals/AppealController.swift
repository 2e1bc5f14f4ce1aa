import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit
import SQLKit

/// The staff side of an appeal: lists, the full case, its history, and every change to it. Each change
/// needs `If-Match`, goes through an explicit rule, and is appended to the history in the same transaction.
/// Every answer is `Cache-Control: no-store`: staff views carry personal data.
struct AppealController {
    let appeals: AppealRepository
    let history: HistoryRepository
    let records: CaseRecordRepository
    let thesaurus: ThesaurusRepository
    let publications: PublicationRepository
    let settings: AppealsSettings
    /// The time now (milestones, the counts' months); injected so tests can move it.
    let now: @Sendable () -> Date
    /// What other services are told of changes, in the same transaction.
    let facts: AppealFacts
    /// The public list's pages; every change below empties it.
    let publishedPages = EncodedResponseCache(lifetime: 2)

    func register(on router: ServiceRouter) {
        router.group("/api/v1/appeals").add(middleware: NoStoreMiddleware()).get(use: list)
        let appeal = router.group("/api/v1/appeals/{id}").add(middleware: NoStoreMiddleware())
        appeal.get(use: get)
        appeal.get("history", use: historyOf)
        appeal.post("transitions", use: transition)
        appeal.post("verification", use: verify)
        appeal.put("assignment", use: assign)
        appeal.post("referrals", use: refer)
        appeal.post("referrals/{referralId}/reply", use: recordReply)
        appeal.post("responses", use: respond)
        appeal.post("extension", use: extend)
        appeal.patch(use: annotate)
    }

    // MARK: Reading

    /// A page of the staff list, and how many appeals on all its pages are overdue.
    struct AppealList: ResponseEncodable {
        let items: [AppealRepresentation]
        let nextCursor: Cursor?
        let overdueCount: Int
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> AppealList {
        let principal = try context.requirePrincipal()
        let query = request.uri.queryParameters
        var filter = AppealRepository.Filter()
        filter.statuses = try request.enumListQuery("status") ?? filter.statuses
        filter.regionCode = try request.enumQuery("regionCode")
        filter.channel = try request.enumQuery("channel")
        filter.categoryCode = query["categoryCode"].map(String.init)
        filter.receivedFrom = try request.dateQuery("receivedFrom")
        filter.receivedTo = try request.dateQuery("receivedTo")
        if try request.boolQuery("overdue") == true { filter.overdueAt = now() }
        if try request.boolQuery("assignedToMe") == true { filter.verifierOrLegalExpert = principal.subject }
        if let text = query["q"] {
            guard (2...100).contains(text.count) else { throw ServiceError.invalidQuery("q", "q must be 2 to 100 characters") }
            filter.text = String(text)
        }
        try AppealAccess.restrict(&filter, for: principal)
        let page = try await appeals.list(filter, page: try request.pageRequest())
        return AppealList(
            items: try await represent(page.items.map { ($0, AppealAccess.view(of: $0, for: principal) ?? .council) }),
            nextCursor: page.nextCursor, overdueCount: try await appeals.countOverdue(filter, at: now())
        )
    }

    @Sendable func get(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let (appeal, view) = try await load(context)
        return try .json(try await represent([(appeal, view)])[0], eTag: appeal.eTag)
    }

    /// The full case file: history, fact-checks, referrals and responses.
    struct CaseHistory: ResponseEncodable {
        var entries: [HistoryRepository.Entry]
        var verifications: [CaseRecordRepository.Verification]
        var referrals: [CaseRecordRepository.Referral]
        var responses: [CaseRecordRepository.Response]

        /// The case file for those who may not see personal data (council members): staff wrote its free
        /// texts (notes, evidence, sources, replies) about a person, so only what was published remains.
        func withoutFreeText() -> CaseHistory {
            var redacted = self
            redacted.entries = entries.map { entry in
                var entry = entry
                if !entry.isPublic { entry.note = nil }
                return entry
            }
            redacted.verifications = verifications.map { verification in
                var verification = verification
                verification.sourcesChecked = []
                verification.evidenceNotes = ""
                return verification
            }
            redacted.referrals = referrals.map { referral in
                var referral = referral
                referral.reply = nil
                return referral
            }
            redacted.responses = responses.filter(\.isPublic)
            return redacted
        }
    }

    @Sendable func historyOf(_ request: Request, context: ServiceRequestContext) async throws -> CaseHistory {
        let (appeal, view) = try await load(context)
        let caseFile = CaseHistory(
            entries: try await history.entries(for: appeal.id), verifications: try await records.verifications(for: appeal.id),
            referrals: try await records.referrals(for: appeal.id), responses: try await records.responses(for: appeal.id)
        )
        switch view {
        case .full: return caseFile
        // A sensitive appeal's case file would give councils the dates and bodies its document withholds.
        case .council: return appeal.isSensitive ? CaseHistory(entries: [], verifications: [], referrals: [], responses: []) : caseFile.withoutFreeText()
        }
    }

    // MARK: Changing

    struct Transition: Decodable {
        let to: AppealStatus
        let note: String?
        let publicNote: String?
        let reason: RejectionReason?
        let duplicateOf: UUID?
    }

    @Sendable func transition(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await authorize(context, roles: AppealAccess.caseworkers.union([.legalExpert]))
        let input = try await request.decodeJSON(as: Transition.self, context: context)
        var errors: [String: String] = [:]
        AppealTextLimits.note.check(input.note, field: "note", into: &errors)
        AppealTextLimits.note.check(input.publicNote, field: "publicNote", into: &errors)
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
        return try await change(request, caller) { appeal, principal, now in
            let from = appeal.status
            let isReopening = from == .closed && input.to == .inVerification
            guard from.allowedTransitions.contains(input.to) else {
                let allowed = from.allowedTransitions.map(\.rawValue)
                throw ServiceError.illegalTransition(from: from, allowed: allowed)
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
            var events = [Event(action: "transition", from: from, to: input.to, note: input.note, isPublic: false)]
            if let publicNote = input.publicNote { events.append(Event(action: "public_note", note: publicNote, isPublic: true)) }
            return events
        }
    }

    struct VerificationInput: Decodable {
        let sourcesChecked: [String]
        let evidenceNotes: String
        let outcome: String
    }

    static let verificationOutcomes = ["confirmed", "partly_confirmed", "not_confirmed", "inconclusive"]

    @Sendable func verify(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await authorize(context, roles: AppealAccess.caseworkers)
        let input = try await request.decodeJSON(as: VerificationInput.self, context: context)
        var errors: [String: String] = [:]
        if input.sourcesChecked.isEmpty || input.sourcesChecked.count > 50
            || input.sourcesChecked.contains(where: { AppealTextLimits.source.problem(with: $0) != nil }) {
            errors["sourcesChecked"] = "must list 1 to 50 sources, each not blank and at most \(AppealTextLimits.source.maxBytes) bytes in UTF-8"
        }
        if let problem = AppealTextLimits.caseText.problem(with: input.evidenceNotes), !input.evidenceNotes.isEmpty { errors["evidenceNotes"] = problem }
        if !Self.verificationOutcomes.contains(input.outcome) { errors["outcome"] = "must be one of \(Self.verificationOutcomes.joined(separator: ", "))" }
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
        return try await change(request, caller) { appeal, principal, now in
            guard appeal.status == .inVerification else {
                throw ServiceError.notInVerification
            }
            let record = CaseRecordRepository.Verification(id: .v7(), sourcesChecked: input.sourcesChecked, evidenceNotes: input.evidenceNotes,
                                                           outcome: input.outcome, recordedBy: principal.subject, recordedAt: now)
            return [Event(action: "verification", note: "outcome: \(input.outcome)", record: { [id = appeal.id] in try await records.insert(record, appealID: id, on: $0) })]
        }
    }

    struct Assignment: Decodable {
        let verifier: String?
        let legalExpert: String?
    }

    @Sendable func assign(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await authorize(context, roles: [.admin, .coordinator])
        let input = try await request.decodeJSON(as: Assignment.self, context: context)
        for (field, value) in [("verifier", input.verifier), ("legalExpert", input.legalExpert)] {
            if let value, AppealTextLimits.subject.problem(with: value) != nil { throw ServiceError.validationFailed([field: "must be a user ID"]) }
        }
        return try await change(request, caller) { appeal, _, _ in
            appeal.verifierSubject = input.verifier?.nilIfBlank
            appeal.legalExpertSubject = input.legalExpert?.nilIfBlank
            return [Event(action: "assignment", note: "verifier: \(appeal.verifierSubject ?? "none"); legal expert: \(appeal.legalExpertSubject ?? "none")")]
        }
    }

    struct NewReferral: Decodable {
        let organizationId: UUID?
        let bodyName: String?
        let sentAt: Date?
        let dueAt: Date?
    }

    @Sendable func refer(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await authorize(context, roles: AppealAccess.caseworkers)
        let input = try await request.decodeJSON(as: NewReferral.self, context: context)
        guard (input.organizationId != nil) != ((input.bodyName?.nilIfBlank) != nil) else {
            throw ServiceError.validationFailed(["organizationId": "give either organizationId or bodyName"])
        }
        if let name = input.bodyName, let problem = AppealTextLimits.bodyName.problem(with: name) { throw ServiceError.validationFailed(["bodyName": problem]) }
        return try await change(request, caller) { appeal, principal, now in
            guard appeal.status.isVerifiedOrLater, appeal.status.isOpen else {
                throw ServiceError.notReferable
            }
            let referral = CaseRecordRepository.Referral(id: .v7(), organizationId: input.organizationId, bodyName: input.bodyName,
                                                         sentAt: input.sentAt ?? now, dueAt: input.dueAt, reply: nil, repliedAt: nil, createdBy: principal.subject)
            var events = [Event(action: "referral", note: "referred to \(input.bodyName ?? input.organizationId!.text)",
                                record: { [id = appeal.id] in try await records.insert(referral, appealID: id, on: $0) })]
            if appeal.status == .verified || appeal.status == .answered {
                events.insert(Event(action: "transition", from: appeal.status, to: .referred), at: 0)
                appeal.status = .referred
            }
            return events
        }
    }

    struct Reply: Decodable {
        let reply: String
    }

    @Sendable func recordReply(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await authorize(context, roles: AppealAccess.caseworkers)
        guard let referralID = context.parameters.get("referralId", as: UUID.self) else { throw ServiceError.notFound("referral") }
        let input = try await request.decodeJSON(as: Reply.self, context: context)
        if let problem = AppealTextLimits.caseText.problem(with: input.reply) { throw ServiceError.validationFailed(["reply": problem]) }
        return try await change(request, caller) { appeal, _, now in
            [Event(action: "referral_reply", note: "the duty-bearer replied", record: { [id = appeal.id] session in
                guard try await records.recordReply(input.reply, to: referralID, appealID: id, at: now, on: session) else {
                    throw ServiceError.replyNotRecordable
                }
            })]
        }
    }

    struct NewResponse: Decodable {
        let text: String
        let channel: ResponseChannel
        let reference: String?
        let isPublic: Bool?
    }

    @Sendable func respond(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await authorize(context, roles: AppealAccess.responders)
        let input = try await request.decodeJSON(as: NewResponse.self, context: context)
        var errors: [String: String] = [:]
        AppealTextLimits.caseText.check(input.text, field: "text", into: &errors)
        AppealTextLimits.reference.check(input.reference, field: "reference", into: &errors)
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
        return try await change(request, caller) { appeal, principal, now in
            guard appeal.status.isVerifiedOrLater, appeal.status.isOpen else {
                throw ServiceError.notAnswerable
            }
            let response = CaseRecordRepository.Response(id: .v7(), text: input.text, channel: input.channel, author: principal.subject,
                                                         reference: input.reference, isPublic: input.isPublic ?? false, createdAt: now)
            var events = [Event(action: "response", note: "answered via \(input.channel.rawValue)",
                                record: { [id = appeal.id] in try await records.insert(response, appealID: id, on: $0) })]
            if appeal.status != .answered {
                events.insert(Event(action: "transition", from: appeal.status, to: .answered), at: 0)
                appeal.status = .answered
                appeal.answeredAt = now
            }
            return events
        }
    }

    struct Extension: Decodable {
        let days: Int
        let reason: String
    }

    @Sendable func extend(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await authorize(context, roles: [.admin, .coordinator])
        let input = try await request.decodeJSON(as: Extension.self, context: context)
        var errors: [String: String] = [:]
        if !(1...settings.maxExtensionDays).contains(input.days) { errors["days"] = "must be 1 to \(settings.maxExtensionDays)" }
        AppealTextLimits.extensionReason.check(input.reason, field: "reason", into: &errors)
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
        return try await change(request, caller) { appeal, _, _ in
            guard appeal.extensionReason == nil else {
                throw ServiceError.alreadyExtended
            }
            guard appeal.status.isOpen else { throw ServiceError.notOpen }
            appeal.responseDueAt += TimeInterval(input.days) * 86_400
            appeal.extensionReason = input.reason
            return [Event(action: "extension", note: "deadline extended by \(input.days) days: \(input.reason)")]
        }
    }

    struct Annotation: Decodable {
        let staffSummary: String?
        let isSensitive: Bool?
        let categoryCode: String?
    }

    /// Staff fields: the searchable summary, the sensitivity flag, a corrected category.
    @Sendable func annotate(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await authorize(context, roles: AppealAccess.caseworkers)
        let input = try await request.decodeJSON(as: Annotation.self, context: context)
        if let summary = input.staffSummary, let problem = AppealTextLimits.note.problem(with: summary) {
            throw ServiceError.validationFailed(["staffSummary": problem])
        }
        if let category = input.categoryCode, try await !thesaurus.isActiveCategory(category) {
            throw ServiceError.validationFailed(["categoryCode": "must be one of the codes at GET /api/v1/appeals/categories"])
        }
        return try await change(request, caller) { appeal, _, _ in
            var changed: [String] = []
            if let summary = input.staffSummary { appeal.staffSummary = summary.nilIfBlank; changed.append("staffSummary") }
            if let sensitive = input.isSensitive { appeal.isSensitive = sensitive; changed.append("isSensitive") }
            if let category = input.categoryCode { appeal.categoryCode = category; changed.append("categoryCode") }
            return [Event(action: "annotation", note: "changed: \(changed.joined(separator: ", "))")]
        }
    }

    // MARK: The one way changes are made

    /// One thing that happened to an appeal, appended to its history; `record` writes its own row too.
    struct Event {
        var action: String
        var from: AppealStatus? = nil
        var to: AppealStatus? = nil
        var note: String? = nil
        var isPublic = false
        var record: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    }

    /// A caller who may change an appeal, and the appeal as loaded for them.
    struct Authorized {
        let principal: Principal
        let appeal: Appeal
        let view: AppealAccess.View
    }

    /// Checks the caller's role, then their access to the appeal (404 when it is hidden from them). Handlers
    /// call it before reading their body, so a caller who may not change the appeal learns nothing about
    /// what its fields must hold.
    func authorize(_ context: ServiceRequestContext, roles: Set<Role>) async throws -> Authorized {
        let principal = try context.requireRole(roles)
        let (appeal, view) = try await load(context)
        return Authorized(principal: principal, appeal: appeal, view: view)
    }

    /// Authorises the caller, then changes the appeal as ``change(_:_:_:)-(_,Authorized,_)`` does.
    func change(
        _ request: Request, _ context: ServiceRequestContext, roles: Set<Role>,
        _ body: (inout Appeal, Principal, Date) async throws -> [Event]
    ) async throws -> Response {
        try await change(request, try await authorize(context, roles: roles), body)
    }

    /// Checks `If-Match`, applies `body`, and saves the appeal with its history entries and records in one
    /// transaction.
    func change(
        _ request: Request, _ caller: Authorized,
        _ body: (inout Appeal, Principal, Date) async throws -> [Event]
    ) async throws -> Response {
        let principal = caller.principal
        var (appeal, view) = (caller.appeal, caller.view)
        try request.checkIfMatch(currentETag: appeal.eTag)
        let now = now()
        let expectedVersion = appeal.version
        let original = appeal
        let events = try await body(&appeal, principal, now)
        appeal.version += 1
        appeal.updatedAt = now
        let saved = appeal
        try await appeals.database.transaction { [appeals, history, facts] session in
            guard try await appeals.update(saved, expectedVersion: expectedVersion, on: session) else { throw ServiceError.staleVersion }
            try await AppealCounters.move(from: original, to: saved, on: session)
            if let indicating = AppealIndicatorCounts.adjustment(
                AppealIndicatorCounts.changes(from: original, to: saved, actions: events.map(\.action), at: now)
            ) {
                try await session.raw(indicating).run()
            }
            for event in events {
                try await event.record?(session)
                try await history.append(to: saved.id, actor: principal.subject, action: event.action, from: event.from, to: event.to,
                                         note: event.note, isPublic: event.isPublic, at: now, on: session)
            }
            if original.status != .answered, saved.status == .answered {
                let answered = AppealFacts.Answered(ref: AppealFacts.reference(to: saved.id), answeredOn: PublicationRepository.day(of: now))
                try await facts.record(.answered, about: saved.id, payload: answered, at: now, on: session)
            }
        }
        facts.deliverSoon()
        publishedPages.invalidate()
        view = AppealAccess.view(of: saved, for: principal) ?? view
        var response = try Response.json(try await represent([(saved, view)])[0], eTag: saved.eTag)
        // Set here as well as by the routes' middleware: other route files change appeals through this too.
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// Each appeal in the wire type its view allows; the public texts councils see are read in one query.
    private func represent(_ appeals: [(Appeal, AppealAccess.View)]) async throws -> [AppealRepresentation] {
        let forCouncils = appeals.filter { $0.1 == .council && !$0.0.isSensitive }.map(\.0.id)
        let texts = try await publications.texts(for: forCouncils)
        let now = now()
        return appeals.map { appeal, view in
            switch view {
            case .full: .full(AppealDocument(appeal, now: now))
            case .council: .council(CouncilAppealDocument(appeal, publicTexts: texts[appeal.id], now: now))
            }
        }
    }

    private func load(_ context: ServiceRequestContext) async throws -> (Appeal, AppealAccess.View) {
        let principal = try context.requirePrincipal()
        guard let id = context.parameters.get("id", as: UUID.self) else { throw ServiceError.notFound("appeal") }
        return try AppealAccess.require(try await appeals.find(id), visibleTo: principal)
    }
}

extension HistoryRepository.Entry: ResponseEncodable {}
