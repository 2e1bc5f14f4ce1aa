import EventsAndHearings
import Foundation
import Models
import ServiceKit
import Synchronization

/// The gateway's directory as events' tests without a gateway see it. Most of them name made-up organisations,
/// so by default every ID is an enabled organisation; a test marks IDs unknown or disabled, or the whole directory
/// unreachable, to see the check refuse them. The check against the real directory is tested through a gateway
/// (``OrganizationCheckThroughGatewayTests``).
final class TestDirectory: OrganizationDirectory {
    private struct State {
        var unknown: Set<UUID> = []
        var disabled: Set<UUID> = []
        var isReachable = true
        var asked: [[UUID]] = []
    }

    private let state = Mutex(State())

    /// Why the directory did not answer.
    struct Unreachable: Error {}

    /// Makes `ids` name no organisation.
    func forget(_ ids: UUID...) { state.withLock { $0.unknown.formUnion(ids) } }
    /// Makes `ids` name disabled organisations.
    func disable(_ ids: UUID...) { state.withLock { $0.disabled.formUnion(ids) } }
    /// Whether it answers at all.
    func setReachable(_ isReachable: Bool) { state.withLock { $0.isReachable = isReachable } }
    /// The IDs of each call so far.
    var asked: [[UUID]] { state.withLock { $0.asked } }

    func organizations(_ ids: [UUID]) async throws -> [UUID: DirectoryOrganization] {
        try state.withLock { state in
            state.asked.append(ids)
            guard state.isReachable else { throw Unreachable() }
            var found: [UUID: DirectoryOrganization] = [:]
            for id in ids where !state.unknown.contains(id) {
                found[id] = DirectoryOrganization(id: id, type: "public_council", regionCode: .naryn, isEnabled: !state.disabled.contains(id))
            }
            return found
        }
    }
}

extension EventsHarness {
    /// The service as the tests without a gateway run it: facts to the catalog's receivers, organisations from `directory`.
    static func definition(_ directory: TestDirectory = TestDirectory()) -> ServiceDefinition {
        EventsAndHearingsService.definition(factReceivers: { ServiceCatalog.receivers(of: $0) }, organizations: .directory(directory))
    }
}
