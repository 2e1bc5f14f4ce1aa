import Foundation
import Models

/// The new-event form (`/staff/events/new`) as typed: every field kept as text for showing again, the body for
/// `POST /api/v1/events` built from it, and what is wrong with it as catalogue keys per field.
struct StaffEventForm: Sendable {
    /// The form's fields, in the order the page shows them (titles per language aside).
    static let fieldNames = [
        "type", "description", "format", "day", "startTime", "endTime", "region", "locality", "address", "onlineUrl", "organizerId", "visibility",
    ]
    /// The catalogue key of a field's message is this prefix and the field's name.
    static let errorKeyPrefix = "staff_event_error_"
    /// The API's field paths that belong to another field of the form.
    static let formFieldOfAPIField = [
        "startsAt": "startTime", "endsAt": "endTime", "venue": "region", "venue.regionCode": "region", "venue.locality": "locality",
        "venue.address": "address", "venue.accessibilityNotes": "address",
    ]
    /// The fields a message of their own is shown next to.
    static let fieldsWithMessages: Set<String> = Set(fieldNames + ["title"])
    /// The form's visibility choices: the API's `visibility`.
    static let visibilities = ["public", "partners", "internal"]

    /// Each field's text as typed.
    var text: [String: String] = [:]
    /// The form's idempotency key (see ``AppealFormInput``).
    var idempotencyKey: String?

    init() {
        text["format"] = EventFormat.inPerson.rawValue
        text["visibility"] = "public"
    }

    init(_ fields: FormFields) {
        for name in Self.fieldNames + Language.allCases.map({ "title.\($0.rawValue)" }) { text[name] = fields.trimmed(name) }
        idempotencyKey = AppealFormInput.idempotencyKey(in: fields)
    }

    /// The body of `POST /api/v1/events`, or the fields the page finds wrong before asking (a time that is not
    /// one, a missing choice); the API checks the rest and its answers come back next to the same fields.
    func body(language: Language) -> Result<NewEventBody, FieldMessages> {
        var problems = FieldMessages()
        let type = text["type"].flatMap(EventKind.init(rawValue:))
        let format = text["format"].flatMap(EventFormat.init(rawValue:))
        let organizer = text["organizerId"].flatMap(UUID.init(uuidString:))
        let region = text["region"].flatMap(Region.init(rawValue:))
        let title = try? LocalizedText(ky: text["title.ky"], ru: text["title.ru"], en: text["title.en"])
        let starts = StaffEventForm.moment(day: text["day"], time: text["startTime"])
        let ends = StaffEventForm.moment(day: text["day"], time: text["endTime"])
        if type == nil { problems.add("type") }
        if format == nil { problems.add("format") }
        if organizer == nil { problems.add("organizerId") }
        if title == nil { problems.add("title") }
        if text["day"].flatMap({ StaffEventForm.moment(day: $0, time: "00:00") }) == nil { problems.add("day") }
        if starts == nil { problems.add("startTime") }
        if ends == nil || (starts != nil && ends! <= starts!) { problems.add("endTime") }
        if format?.hasVenue == true, region == nil { problems.add("region") }
        if format?.hasOnlineLink == true, text["onlineUrl"] == nil { problems.add("onlineUrl") }
        guard problems.isEmpty, let type, let format, let organizer, let title, let starts, let ends else { return .failure(problems) }
        var body = NewEventBody(type: type.rawValue, title: title, format: format.rawValue, startsAt: starts, endsAt: ends, organizerId: organizer)
        body.description = text["description"].flatMap { description in
            try? LocalizedText(
                ky: language == .kyrgyz ? description : nil, ru: language == .russian ? description : nil, en: language == .english ? description : nil)
        }
        if format.hasVenue, let region {
            body.venue = EventsWire.Venue(regionCode: region, locality: text["locality"], address: text["address"])
        }
        body.onlineUrl = format.hasOnlineLink ? text["onlineUrl"] : nil
        body.visibility = text["visibility"].flatMap { Self.visibilities.contains($0) ? $0 : nil } ?? "public"
        body.languages = [language.rawValue]
        return .success(body)
    }

    /// A day (`YYYY-MM-DD`) and a time (`HH:MM`) in Bishkek, as the date and time inputs send them.
    static func moment(day: String?, time: String?) -> Date? {
        guard let day, let time else { return nil }
        let date = day.split(separator: "-").compactMap { Int($0) }
        let clock = time.split(separator: ":").compactMap { Int($0) }
        guard date.count == 3, clock.count == 2, (2000...2100).contains(date[0]), (0...23).contains(clock[0]), (0...59).contains(clock[1]) else {
            return nil
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = PageDates.bishkek
        let components = DateComponents(year: date[0], month: date[1], day: date[2], hour: clock[0], minute: clock[1])
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}

/// `POST /api/v1/events`'s body as the form builds it.
struct NewEventBody: Encodable, Sendable {
    var type: String
    var title: LocalizedText
    var format: String
    var startsAt: Date
    var endsAt: Date
    var organizerId: UUID
    var description: LocalizedText?
    var venue: EventsWire.Venue?
    var onlineUrl: String?
    var visibility = "public"
    var languages: [String] = []
}

/// What is wrong with a staff event form: a catalogue key per form field, and one for the form as a whole.
struct FieldMessages: Error, Sendable {
    /// For a field nothing more specific is known about.
    static let genericFieldKey = "staff_error_check_field"
    /// Catalogue key per field.
    private(set) var fields: [String: String] = [:]
    /// Catalogue key for the whole form.
    var form: String?
    /// A field's catalogue key is this prefix and the field's name.
    let prefix: String

    /// No messages yet; a field's will be `prefix` and its name.
    init(prefix: String = StaffEventForm.errorKeyPrefix) {
        self.prefix = prefix
    }

    /// Whether nothing was found wrong.
    var isEmpty: Bool { fields.isEmpty && form == nil }

    /// Marks `field` with its own message.
    mutating func add(_ field: String) {
        fields[field] = prefix + field
        form = form ?? "staff_problem_validation_failed"
    }

    /// The messages of an API answer: each named field's own text (or the generic one), the form's by its code.
    init(_ problem: Problem, known: Set<String>, mapping: [String: String], prefix: String = StaffEventForm.errorKeyPrefix) {
        self.prefix = prefix
        form = problem.code == "validation_failed" ? "staff_problem_validation_failed" : "staff_event_problem"
        for apiField in (problem.errors ?? [:]).keys {
            let mapped = mapping[apiField] ?? apiField.split(separator: ".").first.map(String.init) ?? apiField
            let field = mapping[mapped] ?? mapped
            fields[field] = known.contains(field) ? prefix + field : Self.genericFieldKey
        }
    }

    /// The template values in `texts`' language: the form's message and each field's (`error_<field>`).
    func values(texts: [String: String]) -> [String: Any] {
        var values: [String: Any] = ["hasProblems": !isEmpty]
        values["formProblem"] = form.flatMap { texts[$0] }
        for (field, key) in fields { values["error_\(field.replacingOccurrences(of: ".", with: "_"))"] = texts[key] ?? texts[Self.genericFieldKey] }
        return values
    }
}
