import Foundation
import Logging
import Models
import NIOHTTP1
import ServiceKit

/// Asks the services for their figures (`GET /internal/indicators`, signed as the gateway), in parallel,
/// each within ``callTimeout``, and keeps each answer for ``lifetime`` so a busy dashboard asks each service
/// at most about twice a minute. A service that fails is "not available now" for its indicators, for every
/// period, until it is asked again after ``unavailableLifetime``: an export that composes many periods waits
/// for a dead service once, not once per period.
struct IndicatorSources: Sendable {
    /// How long a service's figures are reused: dashboards need figures minutes fresh, not seconds.
    static let lifetime: TimeInterval = 30
    /// How long a failed service is left alone before it is asked again, so a dashboard does not wait for
    /// a dead service on every view.
    static let unavailableLifetime: TimeInterval = 5
    /// Periods × services kept at once.
    static let maxCachedAnswers = 256

    let client: ServiceClient
    /// The services with a URL configured (`SERVICES_<NAME>_URL`).
    let configured: Set<String>
    /// How long one service may take to answer.
    let callTimeout: Duration
    let now: @Sendable () -> Date
    let logger: Logger
    private let cache = ExpiringCache<String, SourceFigures>(maxEntries: maxCachedAnswers)
    /// The services that failed lately, whatever the period.
    private let failing = ExpiringCache<String, Bool>(maxEntries: 64)

    init(client: ServiceClient, configured: Set<String>, callTimeout: Duration, now: @escaping @Sendable () -> Date, logger: Logger) {
        self.client = client
        self.configured = configured
        self.callTimeout = callTimeout
        self.now = now
        self.logger = logger
    }

    /// The figures of each of `services` for `period`.
    func figures(of services: Set<String>, in period: DashboardPeriod) async -> [String: SourceFigures] {
        await withTaskGroup(of: (String, SourceFigures).self) { group in
            for service in services {
                group.addTask { (service, await figures(of: service, in: period)) }
            }
            var answers: [String: SourceFigures] = [:]
            for await (service, answer) in group { answers[service] = answer }
            return answers
        }
    }

    private func figures(of service: String, in period: DashboardPeriod) async -> SourceFigures {
        guard configured.contains(service), failing.value(for: service, now: now()) == nil else { return .unavailable }
        let key = "\(service) \(period.interval)"
        if let cached = cache.value(for: key, now: now()) { return cached }
        let answer = await ask(service, for: period)
        if case .unavailable = answer {
            failing.store(true, for: service, until: now().addingTimeInterval(Self.unavailableLifetime))
        } else {
            cache.store(answer, for: key, until: now().addingTimeInterval(Self.lifetime))
        }
        return answer
    }

    private func ask(_ service: String, for period: DashboardPeriod) async -> SourceFigures {
        let path = "\(IndicatorPeriod.path)?from=\(period.from)&to=\(period.to)"
        do {
            guard let response = try await withDeadline(callTimeout, { try await client.send(.GET, to: service, path: path) }) else {
                logger.warning("indicators not available now", metadata: ["service": "\(service)", "reason": "no answer in time"])
                return .unavailable
            }
            if response.status == .notFound { return .noFiguresYet }
            guard response.status == .ok else {
                logger.warning("indicators not available now", metadata: ["service": "\(service)", "status": "\(response.status.code)"])
                return .unavailable
            }
            let items = try response.decode(as: IndicatorFigures.self).items
            guard SourceFigures.areValid(items, from: service, months: Set(period.months)) else {
                logger.warning("indicators not available now", metadata: ["service": "\(service)", "reason": "figures out of bounds"])
                return .unavailable
            }
            return .figures(items)
        } catch {
            logger.warning("indicators not available now", metadata: ["service": "\(service)", "reason": "\(type(of: error))"])
            return .unavailable
        }
    }

    /// `operation`'s result, or `nil` once `timeout` has passed (the operation is then cancelled).
    private func withDeadline<Value: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> Value
    ) async throws -> Value? {
        try await withThrowingTaskGroup(of: Value?.self) { group in
            group.addTask { try await operation() }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
    }
}
