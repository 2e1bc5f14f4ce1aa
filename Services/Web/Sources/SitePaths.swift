import Models

/// Which of the gateway's addresses are the site's pages and which belong to the APIs: the pages are
/// everything else, so a page needs no entry here, and an API path never gets a page's treatment (an HTML
/// error, a session cookie counted as a credential).
public enum SitePaths {
    /// The gateway's own API and operational paths; the services' prefixes come from the catalog.
    static let apiPrefixes = ["/api/", "/internal/", "/openapi.json", "/health", "/ready", "/metrics"]

    /// Whether `path` is one of the site's pages.
    public static func isPage(_ path: String) -> Bool {
        !apiPrefixes.contains { path.hasPrefix($0) } && ServiceCatalog.owner(of: path) == nil
    }
}
