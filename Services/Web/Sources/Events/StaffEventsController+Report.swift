import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// The bounds the API states for a report, checked first so a long paste comes back by its field.
    static let maxAttendees = 100_000
    static let maxIssues = 50
    static let maxRelatedAppeals = 100
    /// The report form's fields.
    static let reportFields = ["minutes", "attendeeCount", "issues", "appeals"]

    /// `GET /staff/events/{id}/report`: the event's report (minutes in the page's language, attendee counts, issues
    /// raised, related appeals) with its form while a draft, its next steps, or the form to draft it.
    @Sendable func report(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/report") }
        return await reportPage(id, request: request, context: context)
    }

    /// `POST /staff/events/{id}/report`: drafts the report, or replaces a draft's content with the form's version as
    /// `If-Match`; back to the report, or the form again with the messages by their fields.
    @Sendable func saveReport(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        let reportPath = Self.path(of: id) + "/report"
        guard context.identity?.isPerson == true else { return signIn(returningTo: reportPath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        let apiPath = "/api/v1/events/\(id.uuidString.lowercased())/report"
        let version = fields.trimmed("version")
        // A draft's other languages, the disaggregated counts and the hand counts of unregistered people are kept:
        // the form edits the page's language and the totals only.
        var existing: EventsWire.Report?
        if version != nil, case .success(let report, _) = await api.get(EventsWire.service, apiPath, as: EventsWire.Report.self, context: context) {
            existing = report
        }
        let counts: [String: [String: Int]]?
        switch ReportCounts.read(fields, language: language) {
        case .success(let read): counts = read
        case .failure:
            var problems = FieldMessages(prefix: "staff_report_error_")
            problems.form = "staff_problem_validation_failed"
            return await reportPage(id, returned: (fields, problems), countsProblem: true, status: .unprocessableContent, request: request, context: context)
        }
        let body: EventsWire.ReportInput
        switch Self.reportInput(fields, existing: existing, counts: counts, language: language) {
        case .success(let value): body = value
        case .failure(let problems):
            return await reportPage(id, returned: (fields, problems), status: .unprocessableContent, request: request, context: context)
        }
        var headers = HTTPHeaders()
        let outcome: PageAPI.Outcome<NoContent>
        if let version {
            headers.add(name: "If-Match", value: version)
            outcome = await api.send(.PUT, EventsWire.service, apiPath, json: body, headers: headers, as: NoContent.self, context: context)
        } else {
            if let key = AppealFormInput.idempotencyKey(in: fields) { headers.add(name: "Idempotency-Key", value: key) }
            outcome = await api.send(.POST, EventsWire.service, apiPath, json: body, headers: headers, as: NoContent.self, context: context)
        }
        return await answer(outcome, id: id, back: reportPath, returned: fields, request: request, context: context)
    }

    /// `POST /staff/events/{id}/report/transition`: submits, approves or sends back the report, with its version.
    @Sendable func moveReport(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        let reportPath = Self.path(of: id) + "/report"
        guard context.identity?.isPerson == true else { return signIn(returningTo: reportPath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let version = fields.trimmed("version") else { return stale(id, request: request, context: context) }
        guard let to = fields.trimmed("to").flatMap(EventsWire.ReportState.init(rawValue:)) else {
            return await reportPage(id, notice: "staff_report_choose", status: .unprocessableContent, request: request, context: context)
        }
        var headers = HTTPHeaders()
        headers.add(name: "If-Match", value: version)
        let move = EventsWire.Move(to: to.rawValue, note: fields.trimmed("note"))
        let outcome = await api.send(
            .POST, EventsWire.service, "/api/v1/events/\(id.uuidString.lowercased())/report/transitions", json: move, headers: headers,
            as: NoContent.self, context: context)
        return await answer(outcome, id: id, back: reportPath, request: request, context: context)
    }

    private func answer(
        _ outcome: PageAPI.Outcome<NoContent>, id: UUID, back: String, returned fields: FormFields? = nil, request: Request,
        context: ServiceRequestContext
    ) async -> Response {
        switch outcome {
        case .success: return renderer.redirect(to: back)
        case .unavailable: return unavailable(request: request, context: context)
        case .problem(let problem):
            switch problem.status {
            case 412, 428: return stale(id, request: request, context: context)
            case 401, 404: return failure(problem, request: request, context: context)
            case 422 where fields != nil:
                let problems = FieldMessages(
                    problem, known: Set(Self.reportFields), mapping: ["issuesRaised": "issues", "relatedAppeals": "appeals"], prefix: "staff_report_error_")
                // The counts by sex, age, group and type: said once, by their fieldset.
                let countsProblem = (problem.errors ?? [:]).keys.contains { $0.hasPrefix("participants") }
                return await reportPage(
                    id, returned: (fields!, problems), countsProblem: countsProblem, status: .unprocessableContent, request: request, context: context)
            default:
                let notice = problem.status == 403 ? "staff_report_forbidden" : "staff_report_refused"
                return await reportPage(id, notice: notice, status: HTTPResponse.Status(code: problem.status), request: request, context: context)
            }
        }
    }

    /// The API body of the report form, or the fields the page finds wrong first.
    /// `counts` replace the report's disaggregated counts when the form edited them; `nil` keeps them (or, for a new
    /// draft, lets the API count them from the check-ins).
    static func reportInput(
        _ fields: FormFields, existing: EventsWire.Report?, counts: [String: [String: Int]]? = nil, language: Language
    ) -> Result<EventsWire.ReportInput, FieldMessages> {
        var problems = FieldMessages(prefix: "staff_report_error_")
        let minutes = fields.trimmed("minutes").flatMap { Self.replacing(existing?.minutes, in: language, with: $0) }
        let count = fields.trimmed("attendeeCount").flatMap(Int.init).flatMap { (0...Self.maxAttendees).contains($0) ? $0 : nil }
        let issues = Self.lines(fields["issues"]).compactMap { Self.replacing(nil, in: language, with: $0) }
        let appealLines = Self.lines(fields["appeals"])
        let appeals = appealLines.compactMap { UUID(uuidString: $0) }
        if minutes == nil { problems.add("minutes") }
        if count == nil { problems.add("attendeeCount") }
        if issues.count > Self.maxIssues { problems.add("issues") }
        if appeals.count != appealLines.count || Set(appeals).count > Self.maxRelatedAppeals { problems.add("appeals") }
        guard problems.isEmpty, let minutes, let count else { return .failure(problems) }
        return .success(
            EventsWire.ReportInput(
                minutes: minutes, attendeeCount: count, issuesRaised: issues, participants: counts ?? existing?.participants,
                unregistered: existing?.unregistered,
                relatedAppeals: Array(Set(appeals)).sorted { $0.uuidString < $1.uuidString }.map { EventsWire.AppealReference(id: $0) }))
    }

    /// `text` with its `language` version set to `value`, the other languages kept.
    static func replacing(_ text: LocalizedText?, in language: Language, with value: String) -> LocalizedText? {
        try? LocalizedText(
            ky: language == .kyrgyz ? value : text?.ky, ru: language == .russian ? value : text?.ru, en: language == .english ? value : text?.en)
    }

    /// The non-blank lines of a text area.
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func reportPage(
        _ id: UUID, returned: (fields: FormFields, problems: FieldMessages)? = nil, countsProblem: Bool = false, notice: String? = nil,
        status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) async -> Response {
        let path = "/api/v1/events/\(id.uuidString.lowercased())"
        async let eventRead = api.get(EventsWire.service, path, as: EventsWire.Event.self, context: context)
        async let reportRead = api.get(EventsWire.service, path + "/report", as: EventsWire.Report.self, context: context)
        let eventOutcome = await eventRead
        guard case .success(let event, _) = eventOutcome else { return failure(eventOutcome, request: request, context: context) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values = EventValues.of(event, texts: texts, language: language)
        values["path"] = Self.path(of: id)
        values["isHeld"] = [.held, .reportPending, .closed].contains(event.status)
        var form: [String: Any] = [:]
        var counts: [String: [String: Int]] = [:]
        switch await reportRead {
        case .success(let report, let headers):
            counts = report.participants ?? [:]
            let minutes = ShownText(report.minutes, in: language)
            var shown: [String: Any] = [
                "status": texts[report.status.textKey] ?? "", "minutes": minutes.text, "attendeeCount": report.attendeeCount,
                "issues": report.issuesRaised.map { ["text": ShownText($0, in: language).text, "language": ShownText($0, in: language).otherLanguage ?? ""] },
                "hasIssues": !report.issuesRaised.isEmpty, "appeals": (report.relatedAppeals ?? []).map { $0.id.uuidString.lowercased() },
                "hasAppeals": !(report.relatedAppeals ?? []).isEmpty,
                "moves": report.status.next.map { ["code": $0.rawValue, "name": texts["staff_report_move_\($0.rawValue)"] ?? ""] },
                "hasMoves": !report.status.next.isEmpty, "isDraft": report.status == .draft,
            ]
            shown["minutesLanguage"] = minutes.otherLanguage
            shown["counts"] = ReportCounts.shown(counts, texts: texts, language: language)
            shown["hasCounts"] = report.participants != nil
            shown["unregistered"] = report.unregistered.flatMap { $0.attendeeCount > 0 ? $0.attendeeCount : nil }
            values["report"] = shown
            values["version"] = headers.first(name: "ETag") ?? ""
            form["value_minutes"] = report.minutes[language] ?? ""
            form["value_attendeeCount"] = String(report.attendeeCount)
            form["value_issues"] = report.issuesRaised.compactMap { $0[language] }.joined(separator: "\n")
            form["value_appeals"] = (report.relatedAppeals ?? []).map { $0.id.uuidString.lowercased() }.joined(separator: "\n")
            values["mayEdit"] = report.status == .draft
        case .problem(let problem) where problem.status == 404:
            values["mayDraft"] = [.held, .reportPending].contains(event.status)
            values["mayEdit"] = [.held, .reportPending].contains(event.status)
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
        if let returned {
            for name in Self.reportFields { form["value_\(name)"] = returned.fields[name] ?? "" }
            values["isFormOpen"] = true
        }
        form.merge((returned?.problems ?? FieldMessages(prefix: "staff_report_error_")).values(texts: texts)) { _, new in new }
        // A new draft's counts come from the check-ins: the inputs appear once there is a report to edit.
        if values["report"] != nil {
            form["counts"] = ReportCounts.inputs(counts, returned: returned?.fields, texts: texts, language: language)
            form["hasCountInputs"] = true
        }
        form["error_counts"] = countsProblem ? texts["events_s21_report_error_counts"] : nil
        form["idempotencyKey"] = AppealFormInput.newIdempotencyKey()
        values["form"] = form
        values["notice"] = notice.flatMap { texts[$0] }
        return renderer.page(
            "staff_event_report", title: texts["staff_report_title"] ?? "", values: values, status: status, request: request, context: context,
            hasForm: true)
    }
}
