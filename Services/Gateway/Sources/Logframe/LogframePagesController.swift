import Foundation
import Hummingbird
import Models
import Persistence
import ServiceKit
import Web

/// `GET /logframe` and `GET`/`POST /logframe/{id}/targets`: coordinators and admins set an indicator's targets
/// in the browser, through ``LogframeWorkflow`` as the API does. The form carries the version it was read at,
/// so an edit made meanwhile is answered with the targets as they now stand instead of being overwritten;
/// what is wrong with a row is said next to it, in the person's language.
struct LogframePagesController {
    static let path = "/logframe"
    /// Empty rows the form offers beyond the targets there are.
    static let blankRows = 3

    let renderer: PageRenderer
    let indicators: LogframeRepository
    let workflow: LogframeWorkflow

    func register(on router: ServiceRouter) {
        router.get(RouterPath(Self.path), use: list)
        router.get(RouterPath(Self.path + "/{id}/targets"), use: form)
        router.post(RouterPath(Self.path + "/{id}/targets"), use: submit)
    }

    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let signIn = renderer.signInFirst(request, context: context) { return signIn }
        _ = try LogframeAccess.requireManager(context)
        let language = PageLanguage.negotiate(request).language
        let items: [[String: Any]] = try await indicators.all(publicOnly: false).sorted { $0.codeOrder.lexicographicallyPrecedes($1.codeOrder) }.map {
            [
                "code": $0.code, "name": $0.name.text(preferring: [language]), "isPublic": $0.visibility == .public,
                "targets": $0.targets.map { "\($0.period): \(DashboardNumber.text($0.value))" }.joined(separator: "; "),
                "href": "\(Self.path)/\($0.id.text)/targets", "editHref": "\(Self.path)/\($0.id.text)/edit",
                "deleteHref": "\(Self.path)/\($0.id.text)/delete",
            ]
        }
        let texts = renderer.texts(for: request)
        return renderer.page(
            "logframe", title: texts["logframe_title"] ?? "", values: ["indicators": items, "hasIndicators": !items.isEmpty], request: request, context: context
        )
    }

    @Sendable func form(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        if let signIn = renderer.signInFirst(request, context: context) { return signIn }
        _ = try LogframeAccess.requireManager(context)
        let indicator = try await find(context)
        return page(indicator, rows: indicator.targets.map { ($0.period, DashboardNumber.text($0.value)) }, request: request, context: context)
    }

    @Sendable func submit(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let fields = await renderer.acceptedForm(request, context: context) else {
            return renderer.formRefused(request: request, context: context)
        }
        let actor = try LogframeAccess.requireManager(context)
        let indicator = try await find(context)
        // The rows a person filled in, in the form's order; a value that is not a number is refused here.
        var rows: [(period: String, value: String)] = []
        for index in 0..<(LogframeIndicator.maxTargets + Self.blankRows) {
            let period = fields.trimmed("period_\(index)") ?? ""
            let value = fields.trimmed("value_\(index)") ?? ""
            if !period.isEmpty || !value.isEmpty { rows.append((period, value)) }
        }
        var errors = RowErrors()
        var targets: [LogframeIndicator.PeriodValue] = []
        for (index, row) in rows.enumerated() {
            guard let value = Double(row.value.replacingOccurrences(of: ",", with: ".")), value.isFinite else {
                errors.values.insert(index)
                continue
            }
            targets.append(.init(period: row.period, value: value))
        }
        let version = fields["version"] ?? ""
        do {
            guard errors.isEmpty else { throw ServiceError.validationFailed([:]) }
            _ = try await workflow.setTargets(LogframeTargets(targets: targets), of: indicator, by: actor) { current in
                guard current == "\"\(version)\"" else { throw ServiceError.staleVersion }
            }
            return renderer.redirect(to: Self.path)
        } catch let error as ServiceError where error.code == ServiceError.staleVersion.code {
            // Someone saved first: the targets as they now stand, to make the change again on top of them.
            guard let current = try await indicators.find(indicator.id) else { throw ServiceError.notFound("logframe indicator") }
            return page(
                current, rows: current.targets.map { ($0.period, DashboardNumber.text($0.value)) }, isStale: true, status: .conflict, request: request,
                context: context)
        } catch let error as ServiceError where error.code == ServiceError.validationFailed([:]).code {
            errors.add(error.fieldErrors ?? [:])
            return page(indicator, rows: rows.map { ($0.period, $0.value) }, errors: errors, status: .unprocessableContent, request: request, context: context)
        }
    }

    /// What is wrong with the submitted rows: row indexes whose period or value is refused, and whether the
    /// targets as a whole are (a period twice, too many).
    struct RowErrors {
        var periods: Set<Int> = []
        var values: Set<Int> = []
        var isListRefused = false

        var isEmpty: Bool { periods.isEmpty && values.isEmpty && !isListRefused }

        /// Adds the workflow's field errors (`targets[2].period`, `targets`). Row numbers are those of the
        /// targets sent, which are the rows once unreadable values are set aside; then they match the rows.
        mutating func add(_ fieldErrors: [String: String]) {
            for field in fieldErrors.keys {
                if field == "targets" { isListRefused = true }
                guard let match = field.firstMatch(of: /^targets\[(\d+)\]\.(period|value)$/), let index = Int(match.output.1) else { continue }
                if match.output.2 == "period" { periods.insert(index) } else { values.insert(index) }
            }
        }
    }

    private func page(
        _ indicator: LogframeIndicator, rows: [(String, String)], errors: RowErrors = RowErrors(), isStale: Bool = false,
        status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext
    ) -> Response {
        let language = PageLanguage.negotiate(request).language
        let filled = rows + Array(repeating: ("", ""), count: Self.blankRows)
        let values: [String: Any] = [
            "code": indicator.code, "name": indicator.name.text(preferring: [language]), "version": indicator.version,
            "action": "\(Self.path)/\(indicator.id.text)/targets", "isPercentage": indicator.unit == .percentage,
            "isStale": isStale, "isListRefused": errors.isListRefused, "hasErrors": !errors.isEmpty,
            "rows": filled.prefix(LogframeIndicator.maxTargets + Self.blankRows).enumerated().map { index, row in
                [
                    "index": index, "number": index + 1, "period": row.0, "value": row.1,
                    "periodError": errors.periods.contains(index), "valueError": errors.values.contains(index),
                ] as [String: Any]
            },
        ]
        let texts = renderer.texts(for: request)
        return renderer.page(
            "logframe_targets", title: texts["logframe_targets_title"] ?? "", values: values, status: status, request: request, context: context,
            hasForm: true)
    }

    private func find(_ context: ServiceRequestContext) async throws -> LogframeIndicator {
        guard let id = context.parameters.get("id", as: UUID.self), let indicator = try await indicators.find(id) else {
            throw ServiceError.notFound("logframe indicator")
        }
        return indicator
    }
}
