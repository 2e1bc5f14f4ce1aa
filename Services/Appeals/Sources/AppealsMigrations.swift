import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The appeals schema. Personal data lives only in the `*_sealed` columns (AES-GCM ciphertext with a key
/// ID); tracking codes only as keyed hashes. Timestamps are epoch milliseconds, IDs UUID text.
enum AppealsMigrations {
    static let all = [ReferenceDataMigrations.regions, thesaurus, appeals, publicCopies, counters, indicatorCounts, onAirAnswers]

    static let thesaurus = Migration("0002_create_thesaurus") { database, _ in
        for table in ["categories", "vulnerable_groups"] {
            try await database.raw(
                SQLQueryString(
                    """
                    CREATE TABLE \(unsafeRaw: table) (
                        code TEXT PRIMARY KEY,
                        name_ky TEXT NOT NULL,
                        name_ru TEXT NOT NULL,
                        name_en TEXT NOT NULL,
                        is_retired BOOLEAN NOT NULL,
                        created_at BIGINT NOT NULL
                    )
                    """)
            ).run()
        }
        for (table, entries) in [("categories", ReferenceData.categories), ("vulnerable_groups", ReferenceData.vulnerableGroups)] {
            for entry in entries {
                try await database.raw(
                    """
                    INSERT INTO \(ident: table) (code, name_ky, name_ru, name_en, is_retired, created_at)
                    VALUES (\(bind: entry.code), \(bind: entry.ky), \(bind: entry.ru), \(bind: entry.en), \(bind: false), 0)
                    """
                ).run()
            }
        }
    }

    static let appeals = Migration("0003_create_appeals") { database, kind in
        let bytes = kind.bytesType
        try await database.raw(
            SQLQueryString(
                """
                CREATE TABLE appeals (
                    id TEXT PRIMARY KEY,
                    channel TEXT NOT NULL,
                    region_code TEXT NOT NULL REFERENCES regions (code),
                    locality TEXT,
                    category_code TEXT NOT NULL REFERENCES categories (code),
                    language TEXT NOT NULL,
                    description_sealed \(unsafeRaw: bytes) NOT NULL,
                    submitter_sealed \(unsafeRaw: bytes),
                    is_anonymous BOOLEAN NOT NULL,
                    gender TEXT,
                    age_group TEXT,
                    vulnerable_groups TEXT NOT NULL,
                    consent_contact BOOLEAN NOT NULL,
                    consent_publication BOOLEAN NOT NULL,
                    tracking_hash TEXT NOT NULL UNIQUE,
                    status TEXT NOT NULL,
                    rejection_reason TEXT,
                    duplicate_of TEXT,
                    is_sensitive BOOLEAN NOT NULL,
                    staff_summary TEXT,
                    verifier_subject TEXT,
                    legal_expert_subject TEXT,
                    submitted_by_subject TEXT NOT NULL,
                    submitted_by_organization TEXT,
                    received_at BIGINT NOT NULL,
                    response_due_at BIGINT NOT NULL,
                    extension_reason TEXT,
                    verified_at BIGINT,
                    answered_at BIGINT,
                    closed_at BIGINT,
                    updated_at BIGINT NOT NULL,
                    version BIGINT NOT NULL
                )
                """)
        ).run()
        for index in [
            "CREATE INDEX appeals_status ON appeals (status, response_due_at)",
            "CREATE INDEX appeals_region ON appeals (region_code, status)",
            "CREATE INDEX appeals_received ON appeals (received_at)",
            "CREATE INDEX appeals_verifier ON appeals (verifier_subject)",
            "CREATE INDEX appeals_legal_expert ON appeals (legal_expert_subject)",
            "CREATE INDEX appeals_organization ON appeals (submitted_by_organization)",
        ] {
            try await database.raw(SQLQueryString(index)).run()
        }
        try await database.raw(
            """
            CREATE TABLE appeal_history (
                id TEXT PRIMARY KEY,
                appeal_id TEXT NOT NULL REFERENCES appeals (id),
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                from_status TEXT,
                to_status TEXT,
                note TEXT,
                is_public BOOLEAN NOT NULL
            )
            """
        ).run()
        try await database.raw("CREATE INDEX appeal_history_appeal ON appeal_history (appeal_id, id)").run()
        try await database.raw(
            """
            CREATE TABLE verifications (
                id TEXT PRIMARY KEY,
                appeal_id TEXT NOT NULL REFERENCES appeals (id),
                sources_checked TEXT NOT NULL,
                evidence_notes TEXT NOT NULL,
                outcome TEXT NOT NULL,
                recorded_by TEXT NOT NULL,
                recorded_at BIGINT NOT NULL
            )
            """
        ).run()
        try await database.raw(
            """
            CREATE TABLE referrals (
                id TEXT PRIMARY KEY,
                appeal_id TEXT NOT NULL REFERENCES appeals (id),
                organization_id TEXT,
                body_name TEXT,
                sent_at BIGINT NOT NULL,
                due_at BIGINT,
                reply TEXT,
                replied_at BIGINT,
                created_by TEXT NOT NULL
            )
            """
        ).run()
        try await database.raw(
            """
            CREATE TABLE responses (
                id TEXT PRIMARY KEY,
                appeal_id TEXT NOT NULL REFERENCES appeals (id),
                text TEXT NOT NULL,
                channel TEXT NOT NULL,
                author TEXT NOT NULL,
                reference TEXT,
                is_public BOOLEAN NOT NULL,
                created_at BIGINT NOT NULL
            )
            """
        ).run()
        try await database.raw(
            """
            CREATE TABLE publications (
                appeal_id TEXT PRIMARY KEY REFERENCES appeals (id),
                title_ky TEXT,
                title_ru TEXT,
                title_en TEXT,
                summary_ky TEXT,
                summary_ru TEXT,
                summary_en TEXT,
                published_by TEXT NOT NULL,
                published_at BIGINT NOT NULL
            )
            """
        ).run()
        try await database.raw("CREATE INDEX publications_published_at ON publications (published_at)").run()
    }

    /// Public copies get their own random ID (no receipt time in it), a publication day instead of a
    /// timestamp, and a locality a verifier wrote for the public; the appellant's own is never shown.
    static let publicCopies = Migration("0004_public_copies") { database, _ in
        for column in ["public_id TEXT", "public_locality TEXT", "published_day TEXT"] {
            try await database.raw(SQLQueryString("ALTER TABLE publications ADD COLUMN \(unsafeRaw: column)")).run()
        }
        for row in try await database.raw("SELECT appeal_id, published_at FROM publications").all() {
            let publishedAt = try row.date("published_at")
            try await database.raw(
                """
                UPDATE publications SET public_id = \(bind: UUID().text), published_day = \(bind: PublicationRepository.day(of: publishedAt))
                WHERE appeal_id = \(bind: try row.decode(column: "appeal_id", as: String.self))
                """
            ).run()
        }
        try await database.raw("CREATE UNIQUE INDEX publications_public_id ON publications (public_id)").run()
        try await database.raw("CREATE INDEX publications_published_day ON publications (published_day, public_id)").run()
    }

    /// Statistics come from these counts, kept in the same transaction as each change, never from the
    /// appeals: their demographics are sealed. Keyed by receipt month first, so a period is one index
    /// range. Existing appeals are counted here from the plain columns the old schema left, before the
    /// start-up step (``DemographicsSealing``) seals and empties them.
    static let counters = Migration("0005_create_appeal_counts") { database, _ in
        try await database.raw(
            """
            CREATE TABLE appeal_counts (
                month TEXT NOT NULL,
                region_code TEXT NOT NULL,
                category_code TEXT NOT NULL,
                channel TEXT NOT NULL,
                sex TEXT NOT NULL,
                age_band TEXT NOT NULL,
                vulnerable_group TEXT NOT NULL,
                status TEXT NOT NULL,
                appeals BIGINT NOT NULL,
                PRIMARY KEY (month, region_code, category_code, channel, sex, age_band, vulnerable_group, status)
            )
            """
        ).run()
        let rows = try await database.raw(
            """
            SELECT received_at, region_code, category_code, channel, gender, age_group, vulnerable_groups, status FROM appeals
            """
        ).all()
        for row in rows {
            let keys = AppealCounters.keys(
                receivedAt: try row.date("received_at"), region: try row.decode(column: "region_code", as: String.self),
                category: try row.decode(column: "category_code", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                sex: try row.decode(column: "gender", as: String?.self), ageBand: try row.decode(column: "age_group", as: String?.self),
                vulnerableGroups: try row.decode(column: "vulnerable_groups", as: String.self).split(separator: ",").map(String.init),
                status: try row.decode(column: "status", as: String.self)
            )
            try await database.raw(AppealCounters.adjustment(keys, by: 1)).run()
        }
    }

    /// Indicators come from these counts (``AppealIndicatorCounts``), kept in the same transaction as each
    /// change. Appeals already stored are counted from their workflow columns; their demographics are sealed
    /// by now (or about to be), so they count under the plain columns the old schema may have left, else
    /// `unknown`, and their vulnerable groups only where those columns still hold them.
    static let indicatorCounts = Migration("0006_create_appeal_indicator_counts") { database, _ in
        try await database.raw(
            """
            CREATE TABLE appeal_indicator_counts (
                indicator TEXT NOT NULL,
                period TEXT NOT NULL,
                region_code TEXT NOT NULL,
                dimension TEXT NOT NULL,
                value TEXT NOT NULL,
                days INTEGER NOT NULL,
                appeals BIGINT NOT NULL,
                PRIMARY KEY (indicator, period, region_code, dimension, value, days)
            )
            """
        ).run()
        // Open appeals' rows empty out as appeals close; overdue reads only the rows still holding some.
        try await database.raw(
            """
            CREATE INDEX appeal_indicator_counts_open ON appeal_indicator_counts (indicator, period) WHERE appeals <> 0
            """
        ).run()
        let rows = try await database.raw(
            """
            SELECT a.received_at, a.region_code, a.category_code, a.channel, a.gender, a.age_group, a.vulnerable_groups, a.status,
                   a.response_due_at, a.verified_at, a.answered_at, a.closed_at, p.published_at
            FROM appeals a LEFT JOIN publications p ON p.appeal_id = a.id
            """
        ).all()
        for row in rows {
            let marginals = AppealIndicatorCounts.marginals(
                sex: try row.decode(column: "gender", as: String?.self), ageBand: try row.decode(column: "age_group", as: String?.self),
                category: try row.decode(column: "category_code", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                vulnerableGroups: try row.decode(column: "vulnerable_groups", as: String.self).split(separator: ",").map(String.init)
            )
            let region = try row.decode(column: "region_code", as: String.self)
            let receivedAt = try row.date("received_at")
            var keys = AppealIndicatorCounts.keys(
                marginals, region: region, indicator: AppealIndicatorCounts.Event.received.rawValue,
                period: AppealCounters.month(of: receivedAt))
            for (event, column) in [
                (AppealIndicatorCounts.Event.verified, "verified_at"), (.published, "published_at"), (.answered, "answered_at"),
                (.closed, "closed_at"),
            ] {
                guard let at = try row.optionalDate(column) else { continue }
                keys += AppealIndicatorCounts.keys(
                    marginals, region: region, indicator: event.rawValue, period: AppealCounters.month(of: at),
                    days: event == .answered ? AppealIndicatorCounts.days(from: receivedAt, to: at) : 0)
            }
            if AppealIndicatorCounts.awaitingAnswer.contains(try row.enumeration("status", as: AppealStatus.self)) {
                keys += AppealIndicatorCounts.keys(
                    marginals, region: region, indicator: AppealIndicatorCounts.openIndicator,
                    period: AppealIndicatorCounts.day(of: try row.date("response_due_at")))
            }
            if let statement = AppealIndicatorCounts.adjustment(Dictionary(keys.map { ($0, 1) }, uniquingKeysWith: +)) {
                try await database.raw(statement).run()
            }
        }
    }
}

extension AppealsMigrations {
    /// Answers on air carry their episode, replay link and approved summary (JSON of ``OnAirAnswer``).
    static let onAirAnswers = Migration("0007_responses_on_air", statements: ["ALTER TABLE responses ADD COLUMN on_air TEXT"])
}
