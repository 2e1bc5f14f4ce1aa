import Foundation
import Hummingbird
import Models
import ServiceKit

extension PublicAppealsController {
    /// `GET /appeals`: published appeals, newest first, filtered by region and category with a GET form, a page
    /// at a time by appeals' cursor.
    @Sendable func list(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        let filter = PublishedFilter(request)
        async let categories = published.categories(context: context)
        var outcome = await published.page(filter, context: context)
        if case .problem = outcome, filter.cursor != nil {
            // A cursor from an old link that appeals no longer takes: the first page of the same filters.
            outcome = await published.page(PublishedFilter(region: filter.region, category: filter.category), context: context)
        }
        let names = await categories
        var values: [String: Any] = [
            "regions": Choice.values(Choice.regions(in: language), selected: Set([filter.region?.rawValue ?? ""])),
            "categories": Choice.values(
                Choice.sorted(names.map { Choice(code: $0.code, name: ShownText($0.name, in: language).text) }, in: language),
                selected: Set([filter.category ?? ""])),
            "isFiltered": filter.region != nil || filter.category != nil,
        ]
        guard case .success(let page, _) = outcome else {
            values["isUnavailable"] = true
            return renderer.page(
                "appeals_list", title: texts["published_title"] ?? "", values: values, status: .serviceUnavailable, request: request, context: context)
        }
        let items = page.items.map { PublishedAppealsSource.values($0, categories: names, texts: texts, language: language) }
        values["items"] = items
        values["hasItems"] = !items.isEmpty
        values["next"] = page.nextCursor.flatMap {
            PublishedFilter.isCursor($0) ? PublishedFilter(region: filter.region, category: filter.category, cursor: $0).sitePath : nil
        }
        return renderer.page("appeals_list", title: texts["published_title"] ?? "", values: values, request: request, context: context)
    }

    /// `GET /appeals/{id}`: one published appeal with its responses; the error page for an unknown one.
    @Sendable func detail(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { throw HTTPError(.notFound) }
        let language = PageLanguage.negotiate(request).language
        let texts = renderer.texts(for: request)
        async let categories = published.categories(context: context)
        switch await published.appeal(id, context: context) {
        case .success(let appeal, _):
            var values = PublishedAppealsSource.values(appeal, categories: await categories, texts: texts, language: language)
            let responses = PublishedAppealsSource.values(appeal.responses ?? [], texts: texts, language: language)
            values["responses"] = responses
            values["hasResponses"] = !responses.isEmpty
            return renderer.page("appeal_detail", title: values["title"] as? String ?? "", values: values, request: request, context: context)
        case .problem(let problem) where problem.status == 404 || problem.status == 400:
            throw HTTPError(.notFound)
        case .problem, .unavailable:
            return unavailable(request: request, context: context)
        }
    }
}
