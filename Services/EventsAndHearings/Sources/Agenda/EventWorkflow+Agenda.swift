import Foundation
import Hummingbird
import Models
import Persistence
import ServiceKit

/// The changes to an event's agenda: each is a change of the event, with its `If-Match`, version and history.
extension EventWorkflow {
    /// Adds an item at the end of the agenda.
    func addAgendaItem(_ caller: Authorized, ifMatch request: Request, _ input: AgendaItemInput) async throws -> Event {
        let items = try await agenda.items(of: caller.event.id)
        guard items.count < EventLimits.maxAgendaItems else { throw ServiceError.agendaFull }
        return try await change(caller, ifMatch: request) { event, now in
            let item = try input.newItem(at: (items.map(\.position).max() ?? 0) + 1, within: event.details, now: now)
            return [Entry(action: .agenda, note: "added item \(item.id.text)", statements: [try agenda.insertStatement(item, of: event.id)])]
        }
    }

    /// Replaces the fields `input` gives of one item.
    func changeAgendaItem(_ caller: Authorized, itemID: UUID?, ifMatch request: Request, _ input: AgendaItemInput) async throws -> Event {
        let item = try await requireItem(itemID, of: caller.event)
        return try await change(caller, ifMatch: request) { event, _ in
            let changed = try input.applied(to: item, within: event.details)
            return [Entry(action: .agenda, note: "changed item \(item.id.text)", statements: [try agenda.updateStatement(changed)])]
        }
    }

    /// Removes one item; the others keep their order.
    func removeAgendaItem(_ caller: Authorized, itemID: UUID?, ifMatch request: Request) async throws -> Event {
        let item = try await requireItem(itemID, of: caller.event)
        return try await change(caller, ifMatch: request) { _, _ in
            [Entry(action: .agenda, note: "removed item \(item.id.text)", statements: [agenda.deleteStatement(item.id)])]
        }
    }

    /// Puts the items in the order `input` names.
    func reorderAgenda(_ caller: Authorized, ifMatch request: Request, _ input: AgendaOrder) async throws -> Event {
        let items = try await agenda.items(of: caller.event.id)
        try input.validate(against: items)
        let byID = Dictionary(uniqueKeysWithValues: items.map { ($0.id, $0) })
        return try await change(caller, ifMatch: request) { _, _ in
            let statements = try input.itemIds.enumerated().map { index, id in
                var item = byID[id]! // validated: every ID is an item's
                item.position = index + 1
                return try agenda.updateStatement(item)
            }
            return [Entry(action: .agenda, note: "reordered", statements: statements)]
        }
    }

    private func requireItem(_ itemID: UUID?, of event: Event) async throws -> AgendaItem {
        guard let itemID, let item = try await agenda.items(of: event.id).first(where: { $0.id == itemID }) else {
            throw ServiceError.notFound("agenda item")
        }
        return item
    }
}
