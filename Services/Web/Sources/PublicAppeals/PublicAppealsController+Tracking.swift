import Foundation
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension PublicAppealsController {
    /// The longest code passed on to appeals (the API's own bound); a longer one is no code.
    static let maxTrackingCodeLength = 64

    /// The public notes appeals writes itself, in English, and the texts the page says them with; a note staff
    /// wrote is shown as they wrote it.
    static let systemNoteKeys = ["Appeal received.": "track_note_received"]

    /// `GET /track`: the form asking for the tracking code.
    @Sendable func trackingForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        trackingPage(request: request, context: context)
    }

    /// `POST /track`: the appeal's status, public notes and responses, asked of appeals with the code in the
    /// body, so the code is in no address and no log; a wrong code is the form again with a message, and
    /// appeals' wait after many wrong codes has a message of its own.
    @Sendable func track(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let code = fields["code"] ?? ""
        let trimmed = code.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            return trackingPage(code: code, messageKey: "track_error_missing", status: .unprocessableContent, request: request, context: context)
        }
        guard trimmed.count <= Self.maxTrackingCodeLength else {
            return trackingPage(code: code, messageKey: "track_error_unknown", status: .notFound, request: request, context: context)
        }
        switch await api.send(
            .POST, "appeals", "/api/v1/appeals/track", json: AppealsWire.TrackingRequest(code: trimmed), as: AppealsWire.Tracking.self, context: context)
        {
        case .success(let tracking, _):
            return statusPage(tracking, request: request, context: context)
        case .problem(let problem) where problem.status == 429:
            return trackingPage(code: code, messageKey: "track_error_throttled", status: .tooManyRequests, request: request, context: context)
        case .problem:
            return trackingPage(code: code, messageKey: "track_error_unknown", status: .notFound, request: request, context: context)
        case .unavailable:
            return trackingPage(code: code, messageKey: "track_error_unavailable", status: .serviceUnavailable, request: request, context: context)
        }
    }

    private func trackingPage(
        code: String = "", messageKey: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) -> Response {
        let texts = renderer.texts(for: request)
        var values: [String: Any] = ["code": code]
        values["error"] = messageKey.flatMap { texts[$0] }
        return renderer.page("track", title: texts["track_title"] ?? "", values: values, status: status, request: request, context: context, hasForm: true)
    }

    /// The appeal as its appellant follows it: the status in words, dates in Bishkek, public notes, responses.
    private func statusPage(_ tracking: AppealsWire.Tracking, request: Request, context: ServiceRequestContext) -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let notes: [[String: Any]] = tracking.notes.map { note in
            let text = Self.systemNoteKeys[note.text].flatMap { texts[$0] } ?? note.text
            return ["text": text, "at": PageDates.rfc3339(note.at), "atText": PageDates.day(note.at, in: language)]
        }
        let responses = PublishedAppealsSource.values(tracking.responses, texts: texts, language: language)
        let isOpen = ![.answered, .closed, .rejected].contains(tracking.status)
        let values: [String: Any] = [
            "status": texts[tracking.status.textKey] ?? "", "statusExplanation": texts[tracking.status.textKey + "_explanation"] ?? "",
            "updatedAt": PageDates.rfc3339(tracking.lastUpdatedAt), "updatedText": PageDates.dayAndTime(tracking.lastUpdatedAt, in: language),
            "dueAt": PageDates.rfc3339(tracking.responseDueAt), "dueText": PageDates.day(tracking.responseDueAt, in: language), "isOpen": isOpen,
            "notes": notes, "hasNotes": !notes.isEmpty, "responses": responses, "hasResponses": !responses.isEmpty,
        ]
        return renderer.page("track_status", title: texts["track_status_title"] ?? "", values: values, request: request, context: context)
    }
}
