import Foundation
import Models
import NIOHTTP1

/// A change the staff event page offers, each a form posting to `/staff/events/{id}/<change>` and an events API
/// call carrying the event's ETag as `If-Match`.
enum StaffEventChange: String, CaseIterable, Sendable {
    /// The next step of the event's life (`POST …/transitions`).
    case transition
    /// Calling the event off, with a reason (`POST …/transitions` to `cancelled`).
    case cancellation
    /// A new agenda item at the end (`POST …/agenda`).
    case agenda

    /// The form's fields, as named on the page.
    var fieldNames: [String] {
        switch self {
        case .transition: ["to", "note"]
        case .cancellation: ["reason"]
        case .agenda: ["agendaTitle", "agendaDay", "agendaTime", "agendaMinutes", "agendaSpeakers"]
        }
    }

    /// The API's field paths that belong to a field of this form.
    var formFieldOfAPIField: [String: String] {
        switch self {
        case .transition, .cancellation: [:]
        case .agenda: ["title": "agendaTitle", "startsAt": "agendaTime", "durationMinutes": "agendaMinutes", "speakers": "agendaSpeakers"]
        }
    }

    /// The events API path the change is sent to.
    func apiPath(event: UUID) -> String {
        let base = "/api/v1/events/\(event.uuidString.lowercased())"
        return self == .agenda ? base + "/agenda" : base + "/transitions"
    }

    /// Speakers on one agenda item at most, and the longest agenda item that makes sense (the API's bounds).
    static let maxSpeakers = 20
    static let agendaMinutes = 1...1440

    /// The API body of this change from `fields`, or what the page finds wrong with them first.
    func body(_ fields: FormFields, language: Language) -> Result<ChangeBody, FieldMessages> {
        var problems = FieldMessages()
        switch self {
        case .transition:
            guard let to = fields.trimmed("to").flatMap(EventState.init(rawValue:)) else {
                problems.add("to")
                return .failure(problems)
            }
            return .success(ChangeBody(to: to.rawValue, note: fields.trimmed("note")))
        case .cancellation:
            guard let reason = fields.trimmed("reason") else {
                problems.add("reason")
                return .failure(problems)
            }
            return .success(ChangeBody(to: EventState.cancelled.rawValue, reason: reason))
        case .agenda:
            let title = fields.trimmed("agendaTitle")
            let startsAt = StaffEventForm.moment(day: fields.trimmed("agendaDay"), time: fields.trimmed("agendaTime"))
            let minutes = fields.trimmed("agendaMinutes").flatMap(Int.init).flatMap { Self.agendaMinutes.contains($0) ? $0 : nil }
            let speakers = (fields.trimmed("agendaSpeakers") ?? "").split(whereSeparator: { $0 == "," || $0.isNewline })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if title == nil { problems.add("agendaTitle") }
            if startsAt == nil { problems.add("agendaTime") }
            if minutes == nil { problems.add("agendaMinutes") }
            if speakers.count > Self.maxSpeakers { problems.add("agendaSpeakers") }
            guard problems.isEmpty, let title, let startsAt, let minutes,
                let text = try? LocalizedText(
                    ky: language == .kyrgyz ? title : nil, ru: language == .russian ? title : nil, en: language == .english ? title : nil)
            else { return .failure(problems) }
            return .success(ChangeBody(title: text, startsAt: startsAt, durationMinutes: minutes, speakers: speakers))
        }
    }
}

/// The JSON body of a staff event change: the fields of a transition or of an agenda item.
struct ChangeBody: Encodable, Sendable {
    var to: String?
    var note: String?
    var reason: String?
    var title: LocalizedText?
    var startsAt: Date?
    var durationMinutes: Int?
    var speakers: [String]?
}
