import Models

/// The indicators broadcasts reports, each `broadcasts.<name>` on the wire (the gateway believes a
/// service's figures only under its own name):
/// - `episodes_aired`: episodes that went on air (live, ended or published), in the month they started and
///   the region they were made in or for; an episode without a region is not counted.
enum BroadcastIndicator: String, CaseIterable, Sendable {
    case episodesAired = "episodes_aired"

    /// The prefix of every name: the service's own.
    static let prefix = ServiceCatalog.broadcasts.name + "."

    /// The name on the wire.
    var name: String { Self.prefix + rawValue }
}
