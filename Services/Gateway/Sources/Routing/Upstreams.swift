import Models

/// A service the gateway forwards to: its catalog entry names it and the public path prefixes that belong to it.
typealias Upstream = PlatformService

extension PlatformService {
    /// Every upstream: the services behind the gateway, as ``ServiceCatalog`` lists them.
    static var all: [Upstream] { ServiceCatalog.backends }
}
