import Foundation
import ServiceKit
import Web

/// The gateway's parts, built once from a service's dependencies: settings, repositories, workflows.
struct GatewayComponents {
    let settings: GatewaySettings
    let users: UserRepository
    let organizations: OrganizationRepository
    let apiKeys: APIKeyRepository
    let refreshTokens: RefreshTokenRepository
    let audit: AuditRepository
    let tokens: AccessTokens
    let sessions: SessionVersions
    let hasher: PasswordHasher
    let throttle = SignInThrottle()
    let signIn: PasswordSignIn
    let siteSessions: SiteSessionRepository
    let userWorkflow: UserWorkflow
    let organizationWorkflow: OrganizationWorkflow
    let idempotency: IdempotencyMiddleware
    let logframe: LogframeRepository
    let logframeWorkflow: LogframeWorkflow
    let dashboards: DashboardService

    init(_ dependencies: ServiceDependencies) async throws {
        let database = dependencies.database
        settings = try GatewaySettings(reader: dependencies.reader)
        users = UserRepository(database: database)
        organizations = OrganizationRepository(database: database)
        apiKeys = APIKeyRepository(database: database)
        refreshTokens = RefreshTokenRepository(database: database, lifetime: TimeInterval(settings.refreshTokenDays) * 86_400)
        audit = AuditRepository(database: database)
        tokens = await AccessTokens(privateKey: dependencies.settings.signingKey, lifetime: TimeInterval(settings.accessTokenLifetime))
        sessions = SessionVersions(users: users)
        hasher = PasswordHasher(cost: UInt8(settings.bcryptCost))
        signIn = PasswordSignIn(users: users, organizations: organizations, hasher: hasher, throttle: throttle, audit: audit)
        siteSessions = SiteSessionRepository(
            database: database, lifetime: TimeInterval(settings.siteSessionHours) * 3600,
            idleTimeout: TimeInterval(settings.siteSessionIdleMinutes) * 60)
        userWorkflow = UserWorkflow(
            users: users, organizations: organizations, refreshTokens: refreshTokens, sessions: sessions,
            hasher: hasher, audit: audit)
        organizationWorkflow = OrganizationWorkflow(
            organizations: organizations, users: users, refreshTokens: refreshTokens,
            sessions: sessions, apiKeys: apiKeys, audit: audit)
        idempotency = dependencies.idempotency
        logframe = LogframeRepository(database: database)
        logframeWorkflow = LogframeWorkflow(indicators: logframe, organizations: organizations, audit: audit, now: dependencies.now)
        let sources = IndicatorSources(
            client: dependencies.serviceClient, configured: Set(dependencies.settings.serviceURLs.keys),
            callTimeout: settings.dashboardSourceTimeout, now: dependencies.now, logger: dependencies.logger)
        dashboards = DashboardService(logframe: logframe, sources: sources, now: dependencies.now)
    }

    /// Accounts, organisations, API keys and the audit log.
    func registerDirectoryRoutes(on router: ServiceRouter) {
        AuthController(
            users: users, organizations: organizations, tokens: tokens, refreshTokens: refreshTokens, signIn: signIn, audit: audit
        ).register(on: router)
        UserController(users: users, workflow: userWorkflow, idempotency: idempotency).register(on: router)
        OrganizationController(organizations: organizations, workflow: organizationWorkflow, idempotency: idempotency).register(on: router)
        APIKeyController(keys: apiKeys, organizations: organizations, audit: audit, idempotency: idempotency).register(on: router)
        AuditController(audit: audit).register(on: router)
    }

    /// The logframe (API and pages), the dashboards (API and page), the IATI export and the directory's
    /// organisation pages, where a logframe indicator's owner is added.
    func registerLogframeRoutes(on router: ServiceRouter, renderer: PageRenderer) {
        LogframeController(indicators: logframe, workflow: logframeWorkflow, idempotency: idempotency).register(on: router)
        DashboardController(dashboards: dashboards).register(on: router)
        IATIController(dashboards: dashboards, settings: settings.iati).register(on: router)
        DashboardPageController(renderer: renderer, dashboards: dashboards).register(on: router)
        LogframePagesController(renderer: renderer, indicators: logframe, workflow: logframeWorkflow).register(on: router)
        LogframeIndicatorPagesController(
            renderer: renderer, indicators: logframe, organizations: organizations, workflow: logframeWorkflow, now: logframeWorkflow.now
        ).register(on: router)
        OrganizationPagesController(renderer: renderer, organizations: organizations, workflow: organizationWorkflow).register(on: router)
    }

    /// The site's sign-in and sign-out pages.
    func registerSignInPages(on router: ServiceRouter, renderer: PageRenderer) {
        SignInPagesController(renderer: renderer, signIn: signIn, sessions: siteSessions, audit: audit).register(on: router)
    }

    /// Creates the first admin on an empty directory. It runs after the migrations, apart from the routes'
    /// components, so it builds only the few parts it needs.
    static func bootstrap(_ dependencies: ServiceDependencies) async throws {
        let settings = try GatewaySettings(reader: dependencies.reader)
        try await AdminBootstrap(
            users: UserRepository(database: dependencies.database), hasher: PasswordHasher(cost: UInt8(settings.bcryptCost)),
            audit: AuditRepository(database: dependencies.database), settings: settings, logger: dependencies.logger
        ).run()
    }
}
