// swift-tools-version: 6.2
import PackageDescription

/// Strict settings for every target of ours: Swift 6 language mode is the package default.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

/// The services, as (module name, folder, executable name ops see).
let services: [(module: String, folder: String, executable: String)] = [
    ("Gateway", "Gateway", "gateway"),
    ("Appeals", "Appeals", "appeals"),
    ("EventsAndHearings", "EventsAndHearings", "events-and-hearings"),
    ("MediaPartners", "MediaPartners", "media-partners"),
    ("Broadcasts", "Broadcasts", "broadcasts"),
    ("Knowledge", "Knowledge", "knowledge"),
    ("Grants", "Grants", "grants"),
]

let hummingbird = Target.Dependency.product(name: "Hummingbird", package: "hummingbird")
let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")
let configuration = Target.Dependency.product(name: "Configuration", package: "swift-configuration")
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")

var targets: [Target] = [
    .target(
        name: "Models",
        path: "Shared/Models",
        swiftSettings: strictSettings
    ),
    .target(
        name: "Persistence",
        dependencies: [
            logging,
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "PostgresKit", package: "postgres-kit"),
            .product(name: "SQLiteKit", package: "sqlite-kit"),
            .product(name: "AsyncKit", package: "async-kit"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ],
        path: "Shared/Persistence",
        swiftSettings: strictSettings
    ),
    .target(
        name: "ServiceKit",
        dependencies: [
            "Models",
            "Persistence",
            hummingbird,
            configuration,
            logging,
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "JWTKit", package: "jwt-kit"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            .product(name: "HummingbirdCore", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
        ],
        path: "Shared/ServiceKit",
        swiftSettings: strictSettings
    ),
    .target(
        name: "TestSupport",
        dependencies: [
            "Models", "Persistence", "ServiceKit", hummingbird, hummingbirdTesting, configuration, logging,
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
        ],
        path: "Shared/TestSupport",
        swiftSettings: strictSettings
    ),
    .testTarget(
        name: "ModelsTests",
        dependencies: ["Models"],
        path: "Tests/ModelsTests",
        swiftSettings: strictSettings
    ),
    .testTarget(
        name: "PersistenceTests",
        dependencies: ["Persistence", "TestSupport"],
        path: "Tests/PersistenceTests",
        swiftSettings: strictSettings
    ),
    .testTarget(
        name: "ServiceKitTests",
        dependencies: [
            "ServiceKit", "TestSupport", "Models", "Persistence", hummingbird, hummingbirdTesting, configuration,
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "SQLKit", package: "sql-kit"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ],
        path: "Tests/ServiceKitTests",
        swiftSettings: strictSettings
    ),
    .target(
        name: "OpenMediaKit",
        dependencies: services.map { .init(stringLiteral: $0.module) } + [
            "ServiceKit",
            configuration,
            logging,
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Crypto", package: "swift-crypto"),
        ],
        path: "Services/OpenMedia/Sources",
        swiftSettings: strictSettings
    ),
    .executableTarget(
        name: "openmedia",
        dependencies: ["OpenMediaKit", "ServiceKit", configuration],
        path: "Services/OpenMedia/Main",
        swiftSettings: strictSettings
    ),
    .testTarget(
        name: "OpenMediaTests",
        dependencies: [
            "OpenMediaKit", "TestSupport", "ServiceKit", "Models", "Persistence", "Web", hummingbirdTesting,
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            // The broadcasts-to-appeals walk-through stops and starts appeals at one address.
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "SQLKit", package: "sql-kit"),
            logging,
        ] + services.map { .init(stringLiteral: $0.module) },
        path: "Tests/OpenMediaTests",
        swiftSettings: strictSettings
    ),
]

/// The web front end the gateway runs (Services/Web): pages from mustache templates, texts from catalogues,
/// all embedded in the binary. Listed one by one: SwiftPM caches the manifest, so a listing of the folder
/// would miss a file added later until the cache went.
let webResources = [
    "appeal_detail.mustache",
    "appeal_form.mustache",
    "appeal_receipt.mustache",
    "appeals_list.mustache",
    "broadcast_episode.mustache",
    "broadcasts_upcoming.mustache",
    "copy.js",
    "dashboard.mustache",
    "dashboard_indicator.mustache",
    "en.json",
    "error.mustache",
    "form_refused.mustache",
    "home.mustache",
    "ky.json",
    "layout.mustache",
    "logframe.mustache",
    "logframe_delete.mustache",
    "logframe_indicator.mustache",
    "logframe_stale.mustache",
    "logframe_targets.mustache",
    "organization_new.mustache",
    "organizations.mustache",
    "ru.json",
    "sign_in.mustache",
    "site.css",
    "staff_case.mustache",
    "staff_inbox.mustache",
    "staff_stale.mustache",
    "track.mustache",
    "track_status.mustache",
    // Events and hearings
    "event_detail.mustache",
    "event_scorecard.mustache",
    "event_recommendation.mustache",
    "events_calendar.mustache",
    "staff_event.mustache",
    "staff_event_form.mustache",
    "staff_event_stale.mustache",
    "staff_events.mustache",
    "event_registration_lookup.mustache",
    "event_registration_receipt.mustache",
    "event_registration_status.mustache",
    "registration_fields.mustache",
    "staff_event_door.mustache",
    "staff_event_invitations.mustache",
    "staff_event_report.mustache",
    "staff_event_recommendations.mustache",
    "staff_event_recommendation.mustache",
    "evidence_fields.mustache",
    "staff_event_registrations.mustache",
    // Broadcasts' staff pages
    "staff_broadcasts.mustache",
    "staff_broadcast_episode.mustache",
    "staff_broadcast_stale.mustache",
    "staff_broadcast_queue.mustache",
    "staff_broadcast_presenter.mustache",
    "presenter.js",
    "staff_broadcast_answers.mustache",
    "staff_broadcast_answer.mustache",
    "staff_broadcast_answer_fields.mustache",
    // Broadcasts, public
    "broadcast_question_receipt.mustache",
    "broadcast_question_lookup.mustache",
    "broadcast_question_status.mustache",
    "broadcast_replay.mustache",
    "wall.js",
]
targets.append(
    .target(
        name: "Web",
        dependencies: [
            "Models", "ServiceKit", hummingbird, logging, .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "Crypto", package: "swift-crypto"), .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
        ],
        path: "Services/Web/Sources",
        resources: webResources.map { .embedInCode("Resources/\($0)") },
        swiftSettings: strictSettings
    ))

/// What the gateway needs beyond every service's kit: password hashing, tokens, NIO for forwarding, and an HTTP client.
let gatewayDependencies: [Target.Dependency] = [
    "Web",
    logging,
    .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
    .product(name: "AsyncHTTPClient", package: "async-http-client"),
    .product(name: "JWTKit", package: "jwt-kit"),
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
    .product(name: "HTTPTypes", package: "swift-http-types"),
    .product(name: "SQLKit", package: "sql-kit"),
    .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
]

/// What the appeals service needs beyond the kit: encryption of personal data and SQL.
let appealsDependencies: [Target.Dependency] = [
    logging,
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "SQLKit", package: "sql-kit"),
    .product(name: "HTTPTypes", package: "swift-http-types"),
]

/// What the events-and-hearings and broadcasts services need beyond the kit: SQL and HTTP types.
let eventsDependencies: [Target.Dependency] = [
    .product(name: "Crypto", package: "swift-crypto"),
    .product(name: "SQLKit", package: "sql-kit"),
    .product(name: "HTTPTypes", package: "swift-http-types"),
]

targets.append(
    .testTarget(
        name: "EventsTests",
        dependencies: ["EventsAndHearings", "Gateway", "TestSupport", "ServiceKit", "Models", "Persistence", hummingbird, hummingbirdTesting, configuration]
            + gatewayDependencies,
        path: "Tests/EventsTests",
        swiftSettings: strictSettings
    ))

targets.append(
    .testTarget(
        name: "BroadcastsTests",
        // The gateway: the public's questions and the live stream are tested through it.
        dependencies: ["Broadcasts", "Gateway", "TestSupport", "ServiceKit", "Models", "Persistence", hummingbird, hummingbirdTesting, configuration]
            + gatewayDependencies,
        path: "Tests/BroadcastsTests",
        swiftSettings: strictSettings
    ))

targets.append(
    .testTarget(
        name: "AppealsTests",
        dependencies: ["Appeals", "Gateway", "TestSupport", "ServiceKit", "Models", "Persistence", hummingbird, hummingbirdTesting, configuration]
            + gatewayDependencies,
        path: "Tests/AppealsTests",
        swiftSettings: strictSettings
    ))

targets.append(
    .testTarget(
        name: "GatewayTests",
        // Appeals: the dashboards' tests compose its real figures.
        dependencies: ["Gateway", "Appeals", "TestSupport", "ServiceKit", "Models", "Persistence", hummingbird, hummingbirdTesting, configuration]
            + gatewayDependencies,
        path: "Tests/GatewayTests",
        swiftSettings: strictSettings
    ))

/// The services with an OpenAPI document of their own, `Sources/Resources/openapi.json`: embedded in the binary
/// (`PackageResources.openapi_json`), so the images ship nothing beside the executables. Named here rather than
/// found on disk: SwiftPM caches a manifest's result by its text, not by the files it looked at.
let servicesWithOpenAPIDocuments: Set<String> = ["Gateway", "Appeals", "EventsAndHearings", "Broadcasts"]

for service in services {
    targets.append(
        .target(
            name: service.module,
            dependencies: ["Models", "Persistence", "ServiceKit", hummingbird, configuration]
                + (service.module == "Gateway" ? gatewayDependencies : [])
                + (service.module == "Appeals" ? appealsDependencies : [])
                + (service.module == "EventsAndHearings" || service.module == "Broadcasts" ? eventsDependencies : []),
            path: "Services/\(service.folder)/Sources",
            resources: servicesWithOpenAPIDocuments.contains(service.module) ? [.embedInCode("Resources/openapi.json")] : nil,
            swiftSettings: strictSettings
        ))
    targets.append(
        .executableTarget(
            name: service.executable,
            dependencies: [.init(stringLiteral: service.module), "ServiceKit", configuration],
            path: "Services/\(service.folder)/Main",
            swiftSettings: strictSettings
        ))
}

/// The benchmarks' reference: a bare Hummingbird hello-world (see Benchmarks/README.md). Built only on request.
targets.append(
    .executableTarget(
        name: "benchmark-reference",
        dependencies: [hummingbird, logging],
        path: "Benchmarks/Reference",
        swiftSettings: strictSettings
    ))

let package = Package(
    name: "openmedia",
    platforms: [.macOS(.v15)],
    products: services.map { .executable(name: $0.executable, targets: [$0.executable]) }
        + [
            .executable(name: "openmedia", targets: ["openmedia"]),
            .executable(name: "benchmark-reference", targets: ["benchmark-reference"]),
        ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(
            url: "https://github.com/apple/swift-configuration.git", from: "1.4.0",
            traits: [.defaults, "CommandLineArguments"]
        ),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.8.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.22.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
    ],
    targets: targets
)
