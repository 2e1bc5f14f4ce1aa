import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension PublicBroadcastsController {
    /// The longest code passed on to the API (its own bound for a typed code); a longer one is no code.
    static let maxReceiptCodeLength = 40
    /// The "my question" page's address: the code travels in a POST body, never in an address.
    static let lookupPath = "/broadcasts/my-question"

    /// `POST /broadcasts/episodes/{id}/questions`: sends the visitor's question under the form's idempotency key and
    /// answers with the receipt (this POST's own `no-store` answer, so the code is in no address); or the episode's
    /// page again, everything typed kept and the messages by their fields in the visitor's language.
    @Sendable func ask(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let form = QuestionForm(fields)
        var problems: FieldMessages
        let status: HTTPResponse.Status
        switch form.body(episodeID: id, pageLanguage: PageLanguage.negotiate(request).language) {
        case .failure(let found):
            problems = found
            status = .unprocessableContent
        case .success(let body):
            switch try await send(body, idempotencyKey: form.idempotencyKey, context: context) {
            case .success(let receipt, _):
                let browser = SiteCookie.value(FormProtection.cookieName, in: request, isOverHTTPS: context.isOverHTTPS) ?? ""
                var code = receipt.receiptCode
                if let key = form.idempotencyKey {
                    if let code { receipts.remember(code, idempotencyKey: key, browser: browser) }
                    code = code ?? receipts.code(idempotencyKey: key, browser: browser)
                }
                return receiptPage(receipt.question, code: code, request: request, context: context)
            case .problem(let problem) where problem.status == 404:
                throw HTTPError(.notFound)
            case .problem(let problem):
                problems = FieldMessages(
                    problem, known: QuestionForm.fieldsWithMessages, mapping: QuestionForm.formFieldOfAPIField, prefix: QuestionForm.errorKeyPrefix)
                let fallback = problem.status == 429 ? "broadcasts_public_ask_throttled" : "broadcasts_public_ask_not_sent"
                problems.form = Self.askProblemKeys[problem.code] ?? fallback
                status = HTTPResponse.Status(code: problem.status)
            case .unavailable:
                return unavailable(request: request, context: context)
            }
        }
        if problems.form == "staff_problem_validation_failed" { problems.form = "broadcasts_public_ask_problems" }
        return try await episodePage(id, form: form, problems: problems, status: status, request: request, context: context)
    }

    /// The API's refusals of a question as a whole, each with its text.
    static let askProblemKeys = [
        "validation_failed": "broadcasts_public_ask_problems", "question_intake_closed": "broadcasts_public_ask_closed",
        "questions_full": "broadcasts_public_ask_closed",
    ]

    /// Sends `body` under `idempotencyKey`; while the same form's first sending is still being handled (a double
    /// click), waits for it, so that this answer is its replay instead of a refusal.
    private func send(_ body: PublicBroadcastsWire.NewQuestion, idempotencyKey: String?, context: ServiceRequestContext) async throws
        -> PageAPI.Outcome<PublicBroadcastsWire.QuestionReceipt>
    {
        var headers = HTTPHeaders()
        if let idempotencyKey { headers.add(name: "Idempotency-Key", value: idempotencyKey) }
        let path = "/api/v1/broadcasts/questions"
        var outcome = await api.send(
            .POST, BroadcastsWire.service, path, json: body, headers: headers, as: PublicBroadcastsWire.QuestionReceipt.self, context: context)
        for _ in 0..<PublicAppealsController.inFlightWaits {
            guard case .problem(let problem) = outcome, problem.code == ServiceError.idempotencyKeyInFlight.code else { break }
            try await Task.sleep(for: PublicAppealsController.inFlightWait)
            outcome = await api.send(
                .POST, BroadcastsWire.service, path, json: body, headers: headers, as: PublicBroadcastsWire.QuestionReceipt.self, context: context)
        }
        return outcome
    }

    /// The receipt: the question received, the code large and grouped to read aloud and in a field to copy; without
    /// `code` (a replay whose code this replica no longer holds), a notice that the question was received once.
    private func receiptPage(_ question: PublicBroadcastsWire.AuthorQuestion, code: String?, request: Request, context: ServiceRequestContext)
        -> Response
    {
        let texts = renderer.texts(for: request)
        var values = questionValues(question, texts: texts)
        if let code {
            values["code"] = code
            values["codeGroups"] = code.split(separator: "-").map(String.init)
        }
        return renderer.page(
            "broadcast_question_receipt", title: texts["broadcasts_public_receipt_title"] ?? "", values: values, request: request, context: context)
    }

    /// `GET /broadcasts/my-question`: the form asking for the receipt code.
    @Sendable func lookupForm(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        lookupPage(request: request, context: context)
    }

    /// `POST /broadcasts/my-question`: the author's own question by the code in the body: its state and public text.
    @Sendable func lookup(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let typed = fields["code"] ?? ""
        guard let code = fields.trimmed("code") else {
            return lookupPage(code: typed, messageKey: "broadcasts_public_lookup_missing", status: .unprocessableContent, request: request, context: context)
        }
        guard code.count <= Self.maxReceiptCodeLength else {
            return lookupPage(code: typed, messageKey: "broadcasts_public_lookup_unknown", status: .notFound, request: request, context: context)
        }
        let outcome = await api.send(
            .POST, BroadcastsWire.service, "/api/v1/broadcasts/questions/lookup", json: PublicBroadcastsWire.ReceiptCode(code: code),
            as: PublicBroadcastsWire.AuthorQuestion.self, context: context)
        switch outcome {
        case .success(let question, _):
            let texts = renderer.texts(for: request)
            var values = questionValues(question, texts: texts)
            let path = Self.apiPath(of: question.episodeId)
            if case .success(let episode, _) = await api.get(BroadcastsWire.service, path, as: BroadcastsWire.Episode.self, context: context) {
                let shown = ShownText(episode.theme, in: PageLanguage.negotiate(request).language)
                values["episodeTheme"] = shown.text
                values["episodeThemeLanguage"] = shown.otherLanguage
            }
            return renderer.page(
                "broadcast_question_status", title: texts["broadcasts_public_status_title"] ?? "", values: values, request: request, context: context)
        case .problem(let problem) where problem.status == 429:
            return lookupPage(code: typed, messageKey: "broadcasts_public_lookup_throttled", status: .tooManyRequests, request: request, context: context)
        case .problem(let problem) where problem.status == 422:
            return lookupPage(code: typed, messageKey: "broadcasts_public_lookup_malformed", status: .unprocessableContent, request: request, context: context)
        case .problem:
            return lookupPage(code: typed, messageKey: "broadcasts_public_lookup_unknown", status: .notFound, request: request, context: context)
        case .unavailable:
            return unavailable(request: request, context: context)
        }
    }

    private func lookupPage(
        code: String = "", messageKey: String? = nil, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) -> Response {
        let texts = renderer.texts(for: request)
        var values: [String: Any] = ["code": code, "action": Self.lookupPath]
        values["error"] = messageKey.flatMap { texts[$0] }
        return renderer.page(
            "broadcast_question_lookup", title: texts["broadcasts_public_lookup_title"] ?? "", values: values, status: status, request: request,
            context: context, hasForm: true)
    }

    /// The values of a question as its author reads it: where it stands in words, the text the wall shows, and what
    /// they wrote when the moderator changed it for the audience.
    private func questionValues(_ question: PublicBroadcastsWire.AuthorQuestion, texts: [String: String]) -> [String: Any] {
        var values: [String: Any] = [
            "state": texts[question.state.publicTextKey] ?? "", "stateCode": question.state.rawValue, "text": question.text,
            "episodePage": "/broadcasts/episodes/\(question.episodeId.uuidString.lowercased())", "lookupPath": Self.lookupPath,
        ]
        if let original = question.originalText, original != question.text { values["originalText"] = original }
        values["rejectionReason"] = question.rejectionReason
        return values
    }
}
