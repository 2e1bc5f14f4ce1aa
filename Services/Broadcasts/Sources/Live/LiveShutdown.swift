import ServiceLifecycle

/// Ends the live streams when the service begins to stop: a stream never ends by itself, and the server
/// waits for open responses before it stops. Clients reconnect (to another replica) with `Last-Event-ID`.
struct LiveShutdown: Service {
    let signal: LiveSignal

    func run() async throws {
        // Returns once shutdown begins (or the task is cancelled).
        try? await gracefulShutdown()
        signal.finishAll()
    }
}
