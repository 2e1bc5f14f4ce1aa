import Configuration
import ServiceKit

/// The gateway's own settings, beyond every service's.
struct GatewaySettings: Sendable {
    /// The bcrypt cost for new password hashes (`GATEWAY_BCRYPT_COST`, 10–16).
    var bcryptCost: Int
    /// How long an access token lives, in seconds (`GATEWAY_ACCESS_TOKEN_SECONDS`).
    var accessTokenLifetime: Int
    /// How long a refresh token lives, in days (`GATEWAY_REFRESH_TOKEN_DAYS`).
    var refreshTokenDays: Int
    /// How long a site session lasts at most, in hours (`GATEWAY_SITE_SESSION_HOURS`).
    var siteSessionHours: Int
    /// How long a site session lasts without a request, in minutes (`GATEWAY_SITE_SESSION_IDLE_MINUTES`).
    var siteSessionIdleMinutes: Int
    /// The first admin's email (`OPENMEDIA_ADMIN_EMAIL`), used only on an empty directory.
    var adminEmail: String?
    /// The first admin's password (`OPENMEDIA_ADMIN_PASSWORD` or `_FILE`), used only on an empty directory.
    var adminPassword: String?
    /// Where the local `openmedia` run writes a generated first-admin password when none is configured.
    var adminCredentialsFile: String?

    /// How long the dashboards wait for one service's figures (`GATEWAY_DASHBOARD_SOURCE_TIMEOUT_MILLISECONDS`),
    /// after which its indicators are "not available now".
    var dashboardSourceTimeout: Duration

    /// The identifiers and dates of the IATI export.
    var iati: IATISettings

    init(reader: ConfigReader) throws {
        let settings = SettingsReader(reader: reader)
        bcryptCost = try settings.int("gateway.bcrypt.cost", default: 12, in: 10...16)
        accessTokenLifetime = try settings.int("gateway.access.token.seconds", default: 900, in: 60...3600)
        refreshTokenDays = try settings.int("gateway.refresh.token.days", default: 30, in: 1...365)
        siteSessionHours = try settings.int("gateway.site.session.hours", default: 12, in: 1...168)
        siteSessionIdleMinutes = try settings.int("gateway.site.session.idle.minutes", default: 30, in: 5...1440)
        adminEmail = try settings.string("openmedia.admin.email")
        adminPassword = try settings.string("openmedia.admin.password", isSecret: true)
        adminCredentialsFile = try settings.string("openmedia.admin.credentials.file")
        iati = try IATISettings(reader: reader)
        dashboardSourceTimeout = .milliseconds(try settings.int("gateway.dashboard.source.timeout.milliseconds", default: 3000, in: 100...30_000))
    }
}
