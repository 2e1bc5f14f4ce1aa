import Persistence
import SQLKit
import ServiceKit

/// The gateway's schema: the directory (organisations, users), sign-in state, API keys and the audit log.
///
/// Timestamps are epoch milliseconds (`BIGINT`) and IDs are UUID text, so the same SQL runs on both databases.
enum GatewayMigrations {
    static let all = [ReferenceDataMigrations.regions, directory, signIn, apiKeys, audit, sessionsAndExpiry, siteSessions, logframe]

    static let directory = Migration(
        "0002_create_directory",
        statements: [
            """
            CREATE TABLE organizations (
                id TEXT PRIMARY KEY,
                type TEXT NOT NULL,
                name_ky TEXT,
                name_ru TEXT,
                name_en TEXT,
                region_code TEXT REFERENCES regions (code),
                is_disabled BOOLEAN NOT NULL,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX organizations_type ON organizations (type, region_code)",
            """
            CREATE TABLE users (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                roles TEXT NOT NULL,
                organization_id TEXT REFERENCES organizations (id),
                is_disabled BOOLEAN NOT NULL,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX users_organization ON users (organization_id)",
        ])

    static let signIn = Migration(
        "0003_create_refresh_tokens",
        statements: [
            """
            CREATE TABLE refresh_tokens (
                token_hash TEXT PRIMARY KEY,
                family_id TEXT NOT NULL,
                user_id TEXT NOT NULL REFERENCES users (id),
                expires_at BIGINT NOT NULL,
                rotated_at BIGINT,
                revoked_at BIGINT,
                created_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)",
            "CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id)",
        ])

    static let apiKeys = Migration(
        "0004_create_api_keys",
        statements: [
            """
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY,
                organization_id TEXT NOT NULL REFERENCES organizations (id),
                name TEXT NOT NULL,
                prefix TEXT NOT NULL UNIQUE,
                key_hash TEXT NOT NULL,
                scopes TEXT NOT NULL,
                created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL,
                last_used_at BIGINT,
                revoked_at BIGINT
            )
            """,
            "CREATE INDEX api_keys_organization ON api_keys (organization_id)",
        ])

    static let audit = Migration(
        "0005_create_audit_log",
        statements: [
            """
            CREATE TABLE audit_log (
                id TEXT PRIMARY KEY,
                occurred_at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target_type TEXT NOT NULL,
                target_id TEXT,
                details TEXT
            )
            """,
            "CREATE INDEX audit_log_action ON audit_log (action, occurred_at)",
        ])

    /// Session versions (access tokens of a changed user stop working), API key expiry, and each email's
    /// confusable skeleton (an address that looks like another is refused). Existing emails get their
    /// skeleton here, computed in Swift, so the check also covers accounts made before it existed.
    static let sessionsAndExpiry = Migration("0006_session_versions_key_expiry_email_skeletons") { database, _ in
        for statement in [
            "ALTER TABLE users ADD COLUMN session_version BIGINT NOT NULL DEFAULT 1",
            "ALTER TABLE users ADD COLUMN email_skeleton TEXT",
            // Not unique: a directory that already holds two confusable addresses must still migrate.
            "CREATE INDEX users_email_skeleton ON users (email_skeleton)",
            "ALTER TABLE api_keys ADD COLUMN expires_at BIGINT",
        ] {
            try await database.raw(SQLQueryString(statement)).run()
        }
        for row in try await database.raw("SELECT id, email FROM users").all() {
            let skeleton = EmailAddress.skeleton(of: try row.decode(column: "email", as: String.self))
            try await database.raw("UPDATE users SET email_skeleton = \(bind: skeleton) WHERE id = \(bind: try row.decode(column: "id", as: String.self))")
                .run()
        }
    }

    /// The site's sign-in sessions (``SiteSessionRepository``): a hash of the browser's token, the principal at
    /// sign-in and the user's session version then.
    static let siteSessions = Migration(
        "0007_create_site_sessions",
        statements: [
            """
            CREATE TABLE site_sessions (
                token_hash TEXT PRIMARY KEY,
                user_id TEXT NOT NULL REFERENCES users (id),
                session_version BIGINT NOT NULL,
                roles TEXT NOT NULL,
                organization_id TEXT,
                organization_region TEXT,
                created_at BIGINT NOT NULL,
                last_seen_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX site_sessions_expiry ON site_sessions (expires_at)",
        ])

    /// The logframe: indicators with their baseline, targets (JSON, replaced together) and owner.
    static let logframe = Migration(
        "0008_create_logframe",
        statements: [
            """
            CREATE TABLE logframe_indicators (
                id TEXT PRIMARY KEY,
                code TEXT NOT NULL UNIQUE,
                name_ky TEXT,
                name_ru TEXT,
                name_en TEXT,
                definition_ky TEXT,
                definition_ru TEXT,
                definition_en TEXT,
                unit TEXT NOT NULL,
                source_indicator TEXT NOT NULL,
                disaggregations TEXT NOT NULL,
                baseline_period TEXT NOT NULL,
                baseline_value DOUBLE PRECISION NOT NULL,
                targets TEXT NOT NULL,
                owner_id TEXT NOT NULL REFERENCES organizations (id),
                visibility TEXT NOT NULL,
                version BIGINT NOT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX logframe_indicators_visibility ON logframe_indicators (visibility, id)",
        ])
}
