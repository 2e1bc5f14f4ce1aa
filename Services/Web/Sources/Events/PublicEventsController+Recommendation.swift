import Foundation
import Hummingbird
import Models
import ServiceKit

extension PublicEventsController {
    /// `GET /events/recommendations/{id}`: a recommendation of an event the visitor may see, with the event, the
    /// duty-bearer's scorecard, and its history with the evidence of each change (never who recorded it: the API
    /// leaves that out for the public); the 404 page for any other.
    @Sendable func recommendation(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("recommendationId", as: UUID.self) else { throw HTTPError(.notFound) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let path = "/api/v1/events/recommendations/\(id.uuidString.lowercased())"
        async let historyRead = api.get(EventsWire.service, path + "/history", as: EventsWire.RecommendationHistory.self, context: context)
        switch await api.get(EventsWire.service, path, as: EventsWire.Recommendation.self, context: context) {
        case .success(let recommendation, _):
            async let eventRead = api.get(
                EventsWire.service, "/api/v1/events/\(recommendation.eventId.uuidString.lowercased())", as: EventsWire.Event.self, context: context)
            async let names = directory.lookUpNames([recommendation.dutyBearerId], language)
            let text = ShownText(recommendation.text, in: language)
            var values: [String: Any] = [
                "text": text.text, "status": texts[recommendation.status.textKey] ?? "", "progress": recommendation.progress,
                "isOverdue": recommendation.overdue, "dueOn": recommendation.dueOn,
                "dueText": PageDates.day(iso: recommendation.dueOn, in: language),
                "scorecard": "/events/scorecard?dutyBearer=\(recommendation.dutyBearerId.uuidString.lowercased())",
                "eventLink": "/events/\(recommendation.eventId.uuidString.lowercased())", "eventTitle": texts["recommendation_page_event"] ?? "",
            ]
            values["textLanguage"] = text.otherLanguage
            if case .success(let event, _) = await eventRead {
                let title = ShownText(event.title, in: language)
                values["eventTitle"] = title.text
                values["eventTitleLanguage"] = title.otherLanguage
                values["eventDate"] = PageDates.rfc3339(event.startsAt)
                values["eventDateText"] = PageDates.day(event.startsAt, in: language)
            }
            values["dutyBearer"] = await names[recommendation.dutyBearerId]
            if case .success(let history, _) = await historyRead {
                values["history"] = history.entries.reversed().map { Self.values(of: $0, texts: texts, language: language) }
                values["hasHistory"] = true
            }
            return renderer.page(
                "event_recommendation", title: texts["recommendation_page_title"] ?? "", values: values, request: request, context: context)
        case .problem(let problem) where problem.status < 500:
            throw HTTPError(.notFound)
        case .problem, .unavailable:
            return unavailable(request: request, context: context)
        }
    }

    /// The template values of one change in a recommendation's history.
    static func values(of entry: EventsWire.RecommendationEntry, texts: [String: String], language: Language) -> [String: Any] {
        var item: [String: Any] = [
            "at": PageDates.rfc3339(entry.occurredAt), "atText": PageDates.dayAndTime(entry.occurredAt, in: language),
            "to": texts[entry.to.textKey] ?? "", "progress": entry.progress,
        ]
        item["from"] = entry.from.flatMap { texts[$0.textKey] }
        item["note"] = entry.note
        item["evidenceNote"] = entry.evidence?.note
        // Only a web address is made a link: the API checks it, the page does not trust that alone.
        item["evidenceLink"] = entry.evidence?.link.flatMap { $0.hasPrefix("https://") || $0.hasPrefix("http://") ? $0 : nil }
        return item
    }
}
