import Foundation
import Hummingbird
import Models

/// One item of an event's agenda, as stored and as the API shows it. Items belong to their event: every
/// change to them is a change to the event (its version, its history).
struct AgendaItem: Codable, Equatable, Sendable {
    var id: UUID
    /// Its place in the agenda, from 1.
    var position: Int
    var title: LocalizedText
    var startsAt: Date
    var durationMinutes: Int
    /// Who speaks, as the public should read their names and offices.
    var speakers: [String]

    /// The item moved by `interval`, as when its event moves.
    func shifted(by interval: TimeInterval) -> AgendaItem {
        var item = self
        item.startsAt += interval
        return item
    }
}

/// An event's agenda: `GET`, and the answer to every change of it (with the event's new `ETag`).
struct AgendaDocument: Codable, Sendable, ResponseEncodable {
    var eventId: UUID
    /// The event's version, which the `ETag` carries too.
    var version: Int
    var items: [AgendaItem]
}
