import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// Stores appeals. The description and the submitter are sealed on the way in and opened on the way
/// out, here and nowhere else, so no other code handles ciphertext or forgets to encrypt.
struct AppealRepository: Sendable {
    let database: Database
    let cipher: FieldCipher

    /// Stores a new appeal and, atomically with it, its counts (``AppealCounters``, ``AppealIndicatorCounts``) and `firstEntry` (its
    /// "submitted" history entry, from ``HistoryRepository/appendStatement(to:actor:action:from:to:note:isPublic:at:)``).
    ///
    /// On PostgreSQL all rows go in one statement, the appeal and the counts in data-modifying `WITH`s: one
    /// round trip instead of five (BEGIN, three INSERTs, COMMIT), which is most of what a submission costs
    /// (Benchmarks/README.md). SQLite has no data-modifying `WITH`, and no round trips; there it is a
    /// transaction.
    func insert(_ appeal: Appeal, trackingHash: String, with firstEntry: SQLQueryString) async throws {
        let appealStatement = try insertStatement(appeal, trackingHash: trackingHash)
        let counting = AppealCounters.adjustment(AppealCounters.keys(for: appeal), by: 1)
        // A new appeal always has rows to add (received, open), so there is a statement.
        let indicating = AppealIndicatorCounts.adjustment(AppealIndicatorCounts.received(appeal))!
        switch database.kind {
        case .postgres:
            try await database.sql.raw(
                "WITH new_appeal AS (" + appealStatement + "), counted AS (" + counting + "), indicated AS (" + indicating + ") " + firstEntry
            ).run()
        case .sqlite:
            try await database.transaction { session in
                try await session.raw(appealStatement).run()
                try await session.raw(counting).run()
                try await session.raw(indicating).run()
                try await session.raw(firstEntry).run()
            }
        }
    }

    private func insertStatement(_ appeal: Appeal, trackingHash: String) throws -> SQLQueryString {
        let description = try cipher.seal(Data(appeal.description.utf8), recordID: appeal.id, field: "description")
        let submitter = try Self.withDemographics(appeal).map { try cipher.seal(try JSONEncoder().encode($0), recordID: appeal.id, field: "submitter") }
        return """
            INSERT INTO appeals (
                id, channel, region_code, locality, category_code, language, description_sealed, submitter_sealed,
                is_anonymous, gender, age_group, vulnerable_groups, consent_contact, consent_publication, tracking_hash,
                status, is_sensitive, submitted_by_subject, submitted_by_organization, received_at, response_due_at,
                updated_at, version
            ) VALUES (
                \(bind: appeal.id.text), \(bind: appeal.channel.rawValue), \(bind: appeal.regionCode.code), \(bind: appeal.locality),
                \(bind: appeal.categoryCode), \(bind: appeal.language.rawValue), \(bind: description), \(bind: submitter),
                \(bind: appeal.isAnonymous), \(bind: String?.none), \(bind: String?.none), '', \(bind: appeal.consentToContact),
                \(bind: appeal.consentToPublication), \(bind: trackingHash), \(bind: appeal.status.rawValue), \(bind: appeal.isSensitive),
                \(bind: appeal.submittedBySubject), \(bind: appeal.submittedByOrganization?.text),
                \(bind: appeal.receivedAt.epochMilliseconds), \(bind: appeal.responseDueAt.epochMilliseconds),
                \(bind: appeal.updatedAt.epochMilliseconds), \(bind: appeal.version)
            )
            """
    }

    /// The sealed document: the submitter with the demographics, which are special-category data and so
    /// sealed with the person, never in plain columns (`gender`, `age_group` and `vulnerable_groups` stay
    /// empty; ``DemographicsSealing`` empties those the old schema filled).
    static func withDemographics(_ appeal: Appeal) -> Submitter? {
        var submitter = appeal.submitter ?? Submitter()
        submitter.gender = appeal.sex?.rawValue
        submitter.ageGroup = appeal.ageBand?.rawValue
        submitter.vulnerableGroups = appeal.vulnerableGroups.isEmpty ? nil : appeal.vulnerableGroups
        return submitter == Submitter() ? nil : submitter
    }

    func find(_ id: UUID, on session: (any SQLDatabase)? = nil) async throws -> Appeal? {
        try await (session ?? database.sql).raw("SELECT * FROM appeals WHERE id = \(bind: id.text)").first().map(appeal)
    }

    func find(trackingHash: String) async throws -> Appeal? {
        try await database.sql.raw("SELECT * FROM appeals WHERE tracking_hash = \(bind: trackingHash)").first().map(appeal)
    }

    /// Saves the workflow fields of `appeal` if it is still at `expectedVersion`.
    func update(_ appeal: Appeal, expectedVersion: Int, on session: any SQLDatabase) async throws -> Bool {
        let updated = try await session.raw(
            """
            UPDATE appeals SET
                status = \(bind: appeal.status.rawValue), rejection_reason = \(bind: appeal.rejectionReason?.rawValue),
                duplicate_of = \(bind: appeal.duplicateOf?.text), is_sensitive = \(bind: appeal.isSensitive),
                staff_summary = \(bind: appeal.staffSummary), verifier_subject = \(bind: appeal.verifierSubject),
                legal_expert_subject = \(bind: appeal.legalExpertSubject), category_code = \(bind: appeal.categoryCode),
                response_due_at = \(bind: appeal.responseDueAt.epochMilliseconds), extension_reason = \(bind: appeal.extensionReason),
                verified_at = \(bind: appeal.verifiedAt?.epochMilliseconds), answered_at = \(bind: appeal.answeredAt?.epochMilliseconds),
                closed_at = \(bind: appeal.closedAt?.epochMilliseconds), updated_at = \(bind: appeal.updatedAt.epochMilliseconds),
                version = \(bind: appeal.version)
            WHERE id = \(bind: appeal.id.text) AND version = \(bind: expectedVersion)
            RETURNING id
            """
        ).all()
        return !updated.isEmpty
    }

    /// A page of appeals matching `filter`, newest first.
    func list(_ filter: Filter, page: PageRequest) async throws -> Page<Appeal> {
        var query = SQLQueryString("SELECT a.* FROM appeals a LEFT JOIN publications p ON p.appeal_id = a.id WHERE ")
        query += conditions(filter)
        if let cursor = page.cursor { query += " AND a.id < \(bind: cursor.id.text)" }
        query += " ORDER BY a.id DESC LIMIT \(literal: page.limit + 1)"
        let appeals = try await database.sql.raw(query).all().map(appeal)
        return Page(fetched: appeals, limit: page.limit) { Cursor(key: "", id: $0.id) }
    }

    /// How many appeals matching `filter`, on every page, are open past their deadline at `now`.
    func countOverdue(_ filter: Filter, at now: Date) async throws -> Int {
        var overdue = filter
        overdue.overdueAt = now
        var query = SQLQueryString("SELECT COUNT(*) AS n FROM appeals a LEFT JOIN publications p ON p.appeal_id = a.id WHERE ")
        query += conditions(overdue)
        return try await database.sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    private func conditions(_ filter: Filter) -> SQLQueryString {
        var query = SQLQueryString("1 = 1")
        if !filter.statuses.isEmpty {
            query += " AND a.status IN (\(binds: filter.statuses.map(\.rawValue)))"
        }
        if let region = filter.regionCode { query += " AND a.region_code = \(bind: region.code)" }
        if let category = filter.categoryCode { query += " AND a.category_code = \(bind: category)" }
        if let channel = filter.channel { query += " AND a.channel = \(bind: channel.rawValue)" }
        if let from = filter.receivedFrom { query += " AND a.received_at >= \(bind: from.epochMilliseconds)" }
        if let to = filter.receivedTo { query += " AND a.received_at < \(bind: to.epochMilliseconds)" }
        if let now = filter.overdueAt {
            query += " AND a.status IN (\(binds: AppealStatus.open.map(\.rawValue))) AND a.response_due_at < \(bind: now.epochMilliseconds)"
        }
        if let subject = filter.verifierOrLegalExpert {
            query += " AND (a.verifier_subject = \(bind: subject) OR a.legal_expert_subject = \(bind: subject))"
        }
        if let subject = filter.legalExpert { query += " AND a.legal_expert_subject = \(bind: subject)" }
        if let organization = filter.submittedByOrganization { query += " AND a.submitted_by_organization = \(bind: organization.text)" }
        if filter.excludesSensitive { query += " AND a.is_sensitive = \(bind: false)" }
        if let text = filter.text {
            // Staff summaries and public texts only: descriptions are sealed and cannot be searched.
            let pattern = "%\(text.lowercased().replacingOccurrences(of: "%", with: "").replacingOccurrences(of: "_", with: ""))%"
            let staffSummary: SQLQueryString = filter.searchesStaffSummaries ? "LOWER(COALESCE(a.staff_summary, ''))" : "''"
            query += """
                 AND (\(staffSummary) LIKE \(bind: pattern)
                   OR LOWER(COALESCE(p.title_ky, '') || ' ' || COALESCE(p.title_ru, '') || ' ' || COALESCE(p.title_en, '') || ' '
                      || COALESCE(p.summary_ky, '') || ' ' || COALESCE(p.summary_ru, '') || ' ' || COALESCE(p.summary_en, '')) LIKE \(bind: pattern))
                """
        }
        return query
    }

    func appeal(_ row: any SQLRow) throws -> Appeal {
        let id = try row.uuid("id")
        let description = try cipher.open(try row.decode(column: "description_sealed", as: Data.self), recordID: id, field: "description")
        let submitter = try row.decode(column: "submitter_sealed", as: Data?.self)
            .map { try JSONDecoder().decode(Submitter.self, from: try cipher.open($0, recordID: id, field: "submitter")) }
        return Appeal(
            id: id,
            channel: try row.enumeration("channel"),
            regionCode: try row.enumeration("region_code"),
            locality: try row.decode(column: "locality", as: String?.self),
            categoryCode: try row.decode(column: "category_code", as: String.self),
            language: try row.enumeration("language"),
            description: String(decoding: description, as: UTF8.self),
            submitter: submitter,
            // Every stored code was validated against these vocabularies on the way in.
            sex: submitter?.gender.flatMap(Sex.init(rawValue:)),
            ageBand: submitter?.ageGroup.flatMap(AgeBand.init(rawValue:)),
            vulnerableGroups: submitter?.vulnerableGroups ?? [],
            consentToContact: try row.decode(column: "consent_contact", as: Bool.self),
            consentToPublication: try row.decode(column: "consent_publication", as: Bool.self),
            status: try row.enumeration("status"),
            rejectionReason: try row.decode(column: "rejection_reason", as: String?.self).flatMap(RejectionReason.init(rawValue:)),
            duplicateOf: try row.optionalUUID("duplicate_of"),
            isSensitive: try row.decode(column: "is_sensitive", as: Bool.self),
            staffSummary: try row.decode(column: "staff_summary", as: String?.self),
            verifierSubject: try row.decode(column: "verifier_subject", as: String?.self),
            legalExpertSubject: try row.decode(column: "legal_expert_subject", as: String?.self),
            submittedBySubject: try row.decode(column: "submitted_by_subject", as: String.self),
            submittedByOrganization: try row.optionalUUID("submitted_by_organization"),
            receivedAt: try row.date("received_at"),
            responseDueAt: try row.date("response_due_at"),
            extensionReason: try row.decode(column: "extension_reason", as: String?.self),
            verifiedAt: try row.optionalDate("verified_at"),
            answeredAt: try row.optionalDate("answered_at"),
            closedAt: try row.optionalDate("closed_at"),
            updatedAt: try row.date("updated_at"),
            version: try row.decode(column: "version", as: Int.self)
        )
    }
}
