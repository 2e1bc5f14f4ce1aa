import Foundation
import Hummingbird
import Models

extension EventsWire {
    /// One recommendation of a duty-bearer's or a council's list, with the event it was made at.
    struct RecommendationListing: Decodable, Sendable {
        /// The event, as much as the list names and links.
        struct EventBrief: Decodable, Sendable {
            var id: UUID
            var title: LocalizedText
            var startsAt: Date
        }

        var id: UUID
        var text: LocalizedText
        var dutyBearerId: UUID
        var dueOn: String
        var status: RecommendationState
        var progress: Int
        var overdue: Bool
        var updatedAt: Date
        var event: EventBrief
    }

    /// `GET /api/v1/events/recommendations`: a page of them, newest first.
    struct RecommendationListingPage: Decodable, Sendable {
        var items: [RecommendationListing]
        var nextCursor: String?
    }
}

/// Whose scorecard a page shows and which of its recommendations, as the site's address carries them
/// (`/events/scorecard?dutyBearer=…&status=…&cursor=…`). A status or cursor that cannot be one is no filter.
struct ScorecardList: Sendable {
    /// Which query parameter names the organisation: `dutyBearer` or `council`.
    enum Subject: String, Sendable {
        case dutyBearer
        case council
    }

    var subject: Subject
    var id: UUID
    var status: EventsWire.RecommendationState?
    var cursor: String?

    /// Recommendations on one page of the scorecard.
    static let pageSize = 20

    /// The scorecard's subject and filters from the address; `nil` when it names no organisation.
    init?(_ request: Request) {
        let query = request.uri.queryParameters
        if let id = query.get("dutyBearer").flatMap(UUID.init(uuidString:)) {
            subject = .dutyBearer
            self.id = id
        } else if let id = query.get("council").flatMap(UUID.init(uuidString:)) {
            subject = .council
            self.id = id
        } else {
            return nil
        }
        status = query.get("status").flatMap(EventsWire.RecommendationState.init(rawValue:))
        cursor = query.get("cursor").flatMap { PublishedFilter.isCursor($0) ? $0 : nil }
    }

    private var subjectQuery: String { "\(subject.rawValue)=\(id.uuidString.lowercased())" }

    /// The API's address of the scorecard's numbers.
    var scorecardPath: String { "/api/v1/events/scorecards?" + subjectQuery }

    /// The API's address of this page of recommendations.
    var listPath: String {
        var query = [subjectQuery, "limit=\(Self.pageSize)"]
        if let status { query.append("status=\(status.rawValue)") }
        if let cursor { query.append("cursor=\(cursor)") }
        return "/api/v1/events/recommendations?" + query.joined(separator: "&")
    }

    /// The site's address of this scorecard with its filter, on the page after `cursor` when given (every value
    /// is URL-safe once validated).
    func sitePath(cursor: String? = nil) -> String {
        var query = [subjectQuery]
        if let status { query.append("status=\(status.rawValue)") }
        if let cursor { query.append("cursor=\(cursor)") }
        return "/events/scorecard?" + query.joined(separator: "&")
    }

    /// The template values of a page of recommendations: each with its status, progress, due day, event and link;
    /// the duty-bearer's name from `names` on a council's page, where they differ.
    static func values(
        of items: [EventsWire.RecommendationListing], names: [UUID: String], texts: [String: String], language: Language
    ) -> [[String: Any]] {
        items.map { item in
            let text = ShownText(item.text, in: language)
            let eventTitle = ShownText(item.event.title, in: language)
            var values: [String: Any] = [
                "text": text.text, "status": texts[item.status.textKey] ?? "", "statusCode": item.status.rawValue, "progress": item.progress,
                "isOverdue": item.overdue, "dueOn": item.dueOn, "dueText": PageDates.day(iso: item.dueOn, in: language),
                "link": "/events/recommendations/\(item.id.uuidString.lowercased())", "eventTitle": eventTitle.text,
                "eventLink": "/events/\(item.event.id.uuidString.lowercased())", "eventDate": PageDates.rfc3339(item.event.startsAt),
                "eventDateText": PageDates.day(item.event.startsAt, in: language), "updatedAt": PageDates.rfc3339(item.updatedAt),
                "updatedText": PageDates.day(item.updatedAt, in: language),
            ]
            values["textLanguage"] = text.otherLanguage
            values["eventTitleLanguage"] = eventTitle.otherLanguage
            values["dutyBearer"] = names[item.dutyBearerId]
            return values
        }
    }

    /// The statuses as the filter's choices, this page's marked.
    func statusChoices(texts: [String: String]) -> [[String: Any]] {
        EventsWire.RecommendationState.allCases.map { state -> [String: Any] in
            ["code": state.rawValue, "name": texts[state.textKey] ?? state.rawValue, "isSelected": state == status]
        }
    }
}
