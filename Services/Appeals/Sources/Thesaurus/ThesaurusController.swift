import Foundation
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/appeals/categories` and `/api/v1/appeals/vulnerable-groups`: public to read; admins and
/// coordinators add and retire entries.
struct ThesaurusController {
    static let managers: Set<Role> = [.admin, .coordinator]
    let thesaurus: ThesaurusRepository
    let now: @Sendable () -> Date
    /// The lists as served; adding or retiring here empties it.
    let encoded = EncodedResponseCache(lifetime: 5)

    func register(on router: ServiceRouter) {
        for (path, list) in [("categories", ThesaurusRepository.List.categories), ("vulnerable-groups", .vulnerableGroups)] {
            let group = router.group("/api/v1/appeals/\(path)")
            group.get { request, _ -> Response in
                let includeRetired = try request.boolQuery("includeRetired") == true
                return try await encoded.response(for: "\(list.rawValue) \(includeRetired)") {
                    Entries(items: try await thesaurus.entries(list, includeRetired: includeRetired))
                }
            }
            group.post { request, context -> Response in try await add(list, request: request, context: context) }
            group.post("{code}/retire") { _, context -> HTTPResponse.Status in
                _ = try context.requireRole(Self.managers)
                guard let code = context.parameters.get("code"), try await thesaurus.retire(list, code: code) else {
                    throw ServiceError.notFound("entry")
                }
                encoded.invalidate()
                return .noContent
            }
        }
    }

    struct Entries: ResponseEncodable {
        let items: [ThesaurusRepository.Entry]
    }

    private func add(_ list: ThesaurusRepository.List, request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requireRole(Self.managers)
        let entry = try await request.decodeJSON(as: NewThesaurusEntry.self, context: context)
        let names = try entry.validated()
        guard try await thesaurus.add(list, code: entry.code, ky: names.ky, ru: names.ru, en: names.en, at: now()) else {
            throw ServiceError.codeTaken
        }
        encoded.invalidate()
        return try .json(ThesaurusRepository.Entry(code: entry.code, name: entry.name, isRetired: false), status: .created)
    }
}

extension ThesaurusRepository.Entry: ResponseEncodable {}

extension ThesaurusRepository {
    /// The rule a category code breaks when it is not an active category.
    static let categoryRule = "must be one of the codes at GET /api/v1/appeals/categories"

    /// Whether `code` names an active category; a code longer than any code is refused without a query.
    func isActiveCategory(_ code: String) async throws -> Bool {
        guard AppealTextLimits.code.problem(with: code) == nil else { return false }
        return try await !activeCodes(.categories, among: [code]).isEmpty
    }
}
