import Prometheus

/// The outbox's figures in the service's `/metrics`: delivered messages, and those pending and given up.
struct OutboxMetrics: Sendable {
    let delivered: Counter
    let pending: Gauge
    let undeliverable: Gauge

    init(registry: PrometheusCollectorRegistry) {
        delivered = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                metricName: "outbox_messages_delivered", unitName: "total", helpText: "Outbox messages their receivers accepted."
            ))
        pending = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "outbox_messages_pending", unitName: "", helpText: "Outbox messages not yet delivered."
            ))
        undeliverable = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                metricName: "outbox_messages_undeliverable", unitName: "",
                helpText: "Outbox messages refused by their receivers or out of attempts: kept for admins."
            ))
    }

    func refresh(from store: OutboxStore) async throws {
        let counts = try await store.counts()
        pending.set(to: Double(counts.pending))
        undeliverable.set(to: Double(counts.undeliverable))
    }
}
