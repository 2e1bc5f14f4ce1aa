import Crypto
import HTTPTypes
import Hummingbird
import Models
import Mustache
import ServiceKit

/// Renders pages: a page template's HTML inside the one layout, in the person's language. Mustache escapes
/// every `{{value}}` for HTML; only the layout's `{{{content}}}` is not escaped, and it holds a page
/// template's own output.
public struct PageRenderer: Sendable {

    private let library: MustacheLibrary
    /// The texts of every language.
    public let translations: Translations
    /// The tokens every form carries.
    public let forms: FormProtection
    /// The roles whose layout links to the staff pages (the API decides what each may do there).
    static let staffRoles: Set<Role> = [.admin, .coordinator, .verifier, .legalExpert, .councilMember]

    /// The renderer with the module's embedded templates and catalogues, whose forms are keyed with `formKey`;
    /// throws naming a resource that is broken.
    public static func embedded(formKey: SymmetricKey) throws -> PageRenderer {
        var library = MustacheLibrary()
        for (name, bytes) in [
            ("layout", PackageResources.layout_mustache),
            ("home", PackageResources.home_mustache),
            ("error", PackageResources.error_mustache),
            ("broadcasts_upcoming", PackageResources.broadcasts_upcoming_mustache),
            ("broadcast_episode", PackageResources.broadcast_episode_mustache),
            ("form_refused", PackageResources.form_refused_mustache),
            ("sign_in", PackageResources.sign_in_mustache),
            ("appeals_list", PackageResources.appeals_list_mustache),
            ("appeal_detail", PackageResources.appeal_detail_mustache),
            ("appeal_form", PackageResources.appeal_form_mustache),
            ("appeal_receipt", PackageResources.appeal_receipt_mustache),
            ("track", PackageResources.track_mustache),
            ("track_status", PackageResources.track_status_mustache),
            ("dashboard", PackageResources.dashboard_mustache),
            ("dashboard_indicator", PackageResources.dashboard_indicator_mustache),
            ("staff_inbox", PackageResources.staff_inbox_mustache),
            ("staff_case", PackageResources.staff_case_mustache),
            ("staff_stale", PackageResources.staff_stale_mustache),
            ("logframe", PackageResources.logframe_mustache),
            ("logframe_targets", PackageResources.logframe_targets_mustache),
            ("logframe_indicator", PackageResources.logframe_indicator_mustache),
            ("logframe_delete", PackageResources.logframe_delete_mustache),
            ("logframe_stale", PackageResources.logframe_stale_mustache),
            ("organizations", PackageResources.organizations_mustache),
            ("organization_new", PackageResources.organization_new_mustache),
            ("events_calendar", PackageResources.events_calendar_mustache),
            ("event_detail", PackageResources.event_detail_mustache),
            ("event_scorecard", PackageResources.event_scorecard_mustache),
            ("event_recommendation", PackageResources.event_recommendation_mustache),
            ("staff_events", PackageResources.staff_events_mustache),
            ("staff_event", PackageResources.staff_event_mustache),
            ("staff_event_form", PackageResources.staff_event_form_mustache),
            ("staff_event_stale", PackageResources.staff_event_stale_mustache),
            ("registration_fields", PackageResources.registration_fields_mustache),
            ("event_registration_receipt", PackageResources.event_registration_receipt_mustache),
            ("event_registration_lookup", PackageResources.event_registration_lookup_mustache),
            ("event_registration_status", PackageResources.event_registration_status_mustache),
            ("staff_event_door", PackageResources.staff_event_door_mustache),
            ("staff_event_invitations", PackageResources.staff_event_invitations_mustache),
            ("staff_event_report", PackageResources.staff_event_report_mustache),
            ("staff_event_recommendations", PackageResources.staff_event_recommendations_mustache),
            ("staff_event_recommendation", PackageResources.staff_event_recommendation_mustache),
            ("evidence_fields", PackageResources.evidence_fields_mustache),
            ("staff_event_registrations", PackageResources.staff_event_registrations_mustache),
            ("staff_broadcasts", PackageResources.staff_broadcasts_mustache),
            ("staff_broadcast_episode", PackageResources.staff_broadcast_episode_mustache),
            ("staff_broadcast_stale", PackageResources.staff_broadcast_stale_mustache),
            ("staff_broadcast_queue", PackageResources.staff_broadcast_queue_mustache),
            ("staff_broadcast_presenter", PackageResources.staff_broadcast_presenter_mustache),
            ("staff_broadcast_answers", PackageResources.staff_broadcast_answers_mustache),
            ("staff_broadcast_answer", PackageResources.staff_broadcast_answer_mustache),
            ("staff_broadcast_answer_fields", PackageResources.staff_broadcast_answer_fields_mustache),
            // Broadcasts, public
            ("broadcast_question_receipt", PackageResources.broadcast_question_receipt_mustache),
            ("broadcast_question_lookup", PackageResources.broadcast_question_lookup_mustache),
            ("broadcast_question_status", PackageResources.broadcast_question_status_mustache),
            ("broadcast_replay", PackageResources.broadcast_replay_mustache),
        ] {
            do {
                library.register(try MustacheTemplate(string: String(decoding: bytes, as: UTF8.self)), named: name)
            } catch {
                throw WebResourceError(file: "Resources/\(name).mustache", problem: "is not a valid template: \(error)")
            }
        }
        return PageRenderer(library: library, translations: try Translations.embedded(), forms: FormProtection(key: formKey))
    }

    /// The HTML of page `template` with `values` in `language`, without the layout: what a page that keeps its
    /// rendered content (the dashboard) keeps. `csrf` is the visitor's form token, for a template with forms.
    public func content(_ template: String, values: [String: Any] = [:], language: Language, csrf: String? = nil) -> String {
        var context = values
        context["t"] = translations.texts(language)
        context["csrf"] = csrf
        return library.render(context, withTemplate: template) ?? ""
    }

    /// Whether template `name` is one the renderer knows (an unknown one renders as nothing).
    func hasTemplate(_ name: String) -> Bool {
        library.getTemplate(named: name) != nil
    }

    /// The layout around `content`, in `language`; `path` is the page's own address, for the language links,
    /// and `frame` what the layout shows of the visitor.
    func html(content: String, title: String, language: Language, path: String, frame: [String: Any]) -> String {
        let languages: [[String: Any]] = Language.allCases.map { other in
            ["code": other.rawValue, "name": Self.ownName(other), "isCurrent": other == language, "href": "\(path)?lang=\(other.rawValue)"]
        }
        var page: [String: Any] = ["t": translations.texts(language), "lang": language.rawValue, "title": title, "content": content, "languages": languages]
        page.merge(frame) { $1 }
        return library.render(page, withTemplate: "layout") ?? ""
    }

    /// Page `template` as the response to `request`: HTML in the visitor's language (remembered when they just
    /// chose it), with a form token for its forms and the layout's sign-in or sign-out.
    ///
    /// - Parameters:
    ///   - hasForm: Whether the page shows a form (the layout's sign-out form aside), which needs a form token.
    ///   - cookies: Further cookies to set with the page.
    public func page(
        _ template: String, title: String, values: [String: Any] = [:], status: HTTPResponse.Status = .ok,
        request: Request, context: ServiceRequestContext, hasForm: Bool = false, cookies: [Cookie] = []
    ) -> Response {
        page(title: title, status: status, request: request, context: context, hasForm: hasForm, cookies: cookies) { language, csrf in
            content(template, values: values, language: language, csrf: csrf)
        }
    }

    /// A page whose content `render` writes for the visitor's language and form token (see
    /// ``content(_:values:language:csrf:)``), inside the layout, as the response to `request`.
    public func page(
        title: String, status: HTTPResponse.Status = .ok, request: Request, context: ServiceRequestContext, hasForm: Bool = false,
        cookies: [Cookie] = [], content render: (Language, _ csrf: String?) -> String
    ) -> Response {
        let language = PageLanguage.negotiate(request)
        let isSignedIn = context.identity?.isPerson == true
        // A page without a form leaves the browser without a form cookie: reading the site sets none.
        let form = hasForm || isSignedIn ? forms.token(for: request, context: context) : nil
        let isStaff = isSignedIn && context.identity?.hasAnyRole(Self.staffRoles) == true
        var frame: [String: Any] = ["isSignedIn": isSignedIn, "isStaff": isStaff]
        let isBroadcastStaff = isSignedIn && context.identity?.hasAnyRole(StaffBroadcastsController.navigationRoles) == true
        frame["isBroadcastStaff"] = isBroadcastStaff
        // The signed-in bar is titled for the work it links to, or for the account alone.
        frame["hasStaffWork"] = isStaff || isBroadcastStaff
        frame["csrf"] = form?.token
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.contentLanguage] = language.language.rawValue
        headers[.vary] = "Accept-Language, Cookie"
        // Pages may show what only the signed-in person may see, and every one holds a form token.
        headers[.cacheControl] = "no-store"
        let content = render(language.language, form?.token)
        let body = html(content: content, title: title, language: language.language, path: request.uri.path, frame: frame)
        var response = Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
        if language.isNewChoice { response.setCookie(PageLanguage.rememberingCookie(language.language)) }
        if let cookie = form?.cookie { response.setCookie(cookie) }
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// A redirect after a form (303, so the browser follows with a GET), setting `cookies`.
    public func redirect(to location: String, cookies: [Cookie] = []) -> Response {
        var response = Response(status: .seeOther, headers: [.location: location, .cacheControl: "no-store"])
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    /// The sign-in page, coming back to this page afterwards, for a visitor who is not signed in; `nil` for a
    /// person who is.
    public func signInFirst(_ request: Request, context: ServiceRequestContext) -> Response? {
        guard context.identity?.isPerson != true else { return nil }
        return redirect(to: "/sign-in?next=\(request.uri.path)")
    }

    /// The answer to a form that did not come from the site's own page in the same browser (see ``FormProtection``).
    public func formRefused(request: Request, context: ServiceRequestContext) -> Response {
        let texts = texts(for: request)
        return page("form_refused", title: texts["form_refused_heading"] ?? "", status: .forbidden, request: request, context: context)
    }

    /// The form of `request` if it is one of the site's own, `nil` when it must be refused.
    public func acceptedForm(_ request: Request, context: ServiceRequestContext) async -> FormFields? {
        guard let fields = try? await FormFields.read(from: request), forms.accepts(request, fields: fields, context: context) else { return nil }
        return fields
    }

    /// The texts of the visitor's language, for a page's title and values.
    public func texts(for request: Request) -> [String: String] {
        translations.texts(PageLanguage.negotiate(request).language)
    }

    /// A language's name in itself, as a person looking for their language reads it.
    static func ownName(_ language: Language) -> String {
        switch language {
        case .kyrgyz: "Кыргызча"
        case .russian: "Русский"
        case .english: "English"
        }
    }
}
