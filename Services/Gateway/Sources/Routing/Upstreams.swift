/// A service the gateway forwards to, and the public path prefixes that belong to it.
struct Upstream: Sendable, Equatable {
    /// The service's name: the key of its URL setting and the audience of the assertions it receives.
    let name: String
    /// The path prefixes forwarded to it, unchanged (`/api/v1/events` covers `/api/v1/events/…`).
    let prefixes: [String]

    /// Whether `path` is one of this upstream's prefixes or lies below one.
    func owns(_ path: String) -> Bool {
        prefixes.contains { path == $0 || path.hasPrefix($0 + "/") }
    }
}

extension Upstream {
    /// Every upstream, as DESIGN.md §5 maps public paths to services.
    static let all: [Upstream] = [
        Upstream(name: "appeals", prefixes: ["/api/v1/appeals", "/open311/v2"]),
        Upstream(name: "events-and-hearings", prefixes: ["/api/v1/events"]),
        Upstream(name: "media-partners", prefixes: ["/api/v1/media"]),
        Upstream(name: "broadcasts", prefixes: ["/api/v1/broadcasts"]),
        Upstream(name: "knowledge", prefixes: ["/api/v1/knowledge"]),
        Upstream(name: "grants", prefixes: ["/api/v1/grants"]),
    ]
}
