import Foundation
import Hummingbird
import Models
import NIOHTTP1
import ServiceKit

extension PublicAppealsController {
    /// `GET /appeals/new`: the appeal form.
    @Sendable func newAppeal(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let choices = await AppealFormChoices.load(from: api, context: context)
        return formPage(AppealFormPage(input: AppealFormInput()), choices: choices, request: request, context: context)
    }

    /// `POST /appeals/new`: sends the form to appeals as the anonymous visitor, under the form's idempotency
    /// key; answers with the receipt, or with the form again, everything typed kept, and appeals' messages
    /// next to their fields in the visitor's language.
    @Sendable func sendAppeal(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let choices = await AppealFormChoices.load(from: api, context: context)
        let input = AppealFormInput(fields, groupCodes: choices.vulnerableGroups.map(\.code))
        let outcome = try await send(input, language: language, context: context)
        var page = AppealFormPage(input: input)
        let status: HTTPResponse.Status
        switch outcome {
        case .success(let receipt, _):
            let browser = SiteCookie.value(FormProtection.cookieName, in: request, isOverHTTPS: context.isOverHTTPS) ?? ""
            var code = receipt.trackingCode
            if let key = input.idempotencyKey {
                if let code { receipts.remember(code, idempotencyKey: key, browser: browser) }
                code = code ?? receipts.code(idempotencyKey: key, browser: browser)
            }
            return receiptPage(receipt, code: code, request: request, context: context)
        case .problem(let problem) where problem.code == ServiceError.validationFailed([:]).code && !(problem.errors ?? [:]).isEmpty:
            for (path, message) in problem.errors ?? [:] {
                guard let field = AppealFormField(apiPath: path) else {
                    // Nothing the visitor typed (the form's own fields are all mapped): say it as a whole.
                    page.formError = texts["appeal_error_not_sent"]
                    continue
                }
                // One message per field: the first path of a field (say, one of several groups) is enough.
                guard page.fieldErrors[field] == nil else { continue }
                page.fieldErrors[field] = texts[field.messageKey(for: .init(apiMessage: message), in: texts)]
            }
            status = .unprocessableContent
        case .problem(let problem) where problem.status == 429:
            page.formError = texts["appeal_error_throttled"]
            status = .tooManyRequests
        case .problem(let problem):
            // A sending still in flight (a double click) or anything else appeals refused as a whole.
            page.formError = texts["appeal_error_not_sent"]
            status = HTTPResponse.Status(code: problem.status)
        case .unavailable:
            page.formError = texts["appeal_error_unavailable"]
            status = .serviceUnavailable
        }
        return formPage(page, choices: choices, status: status, request: request, context: context)
    }

    /// The most times a sending waits for the same form's first sending to finish (a double click), and how long each time.
    static let inFlightWaits = 20
    static let inFlightWait = Duration.milliseconds(250)

    /// Sends `input` to appeals under the form's idempotency key; while the same form's first sending is still
    /// being handled (a double click), waits for it, so that this answer is its replay instead of a refusal.
    private func send(_ input: AppealFormInput, language: Language, context: ServiceRequestContext) async throws
        -> PageAPI.Outcome<AppealsWire.Receipt>
    {
        var headers = HTTPHeaders()
        if let key = input.idempotencyKey { headers.add(name: "Idempotency-Key", value: key) }
        let appeal = input.newAppeal(language: language)
        var outcome = await api.send(.POST, "appeals", "/api/v1/appeals", json: appeal, headers: headers, as: AppealsWire.Receipt.self, context: context)
        for _ in 0..<Self.inFlightWaits {
            guard case .problem(let problem) = outcome, problem.code == ServiceError.idempotencyKeyInFlight.code else { break }
            try await Task.sleep(for: Self.inFlightWait)
            outcome = await api.send(.POST, "appeals", "/api/v1/appeals", json: appeal, headers: headers, as: AppealsWire.Receipt.self, context: context)
        }
        return outcome
    }

    /// The form with `page`'s input and messages, under a new idempotency key: what is sent next is a new
    /// sending, while a double click on this form sends the same key twice.
    func formPage(
        _ page: AppealFormPage, choices: AppealFormChoices, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) -> Response {
        let language = PageLanguage.negotiate(request).language
        let values = page.values(choices: choices, language: language, idempotencyKey: AppealFormInput.newIdempotencyKey())
        let texts = renderer.texts(for: request)
        return renderer.page(
            "appeal_form", title: texts["appeal_form_title"] ?? "", values: values, status: status, request: request, context: context, hasForm: true)
    }

    /// The receipt, the POST's own answer and never stored (pages are `no-store`): the tracking code, large,
    /// grouped and in a field to copy; without `code` (appeals' replay of a form sent before, whose code this
    /// replica no longer holds), a notice that the appeal was received once.
    func receiptPage(_ receipt: AppealsWire.Receipt, code: String?, request: Request, context: ServiceRequestContext) -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        var values: [String: Any] = [
            "dueOn": PageDates.day(receipt.responseDueAt, in: language), "dueAt": PageDates.rfc3339(receipt.responseDueAt),
        ]
        if let code {
            values["code"] = code
            values["codeGroups"] = code.split(separator: "-").map(String.init)
        }
        return renderer.page("appeal_receipt", title: texts["receipt_title"] ?? "", values: values, request: request, context: context)
    }
}
