import Foundation
import Hummingbird
import Models
import ServiceKit

/// `/api/v1/appeals/categories` and `/api/v1/appeals/vulnerable-groups`: public to read; admins and
/// coordinators add and retire entries.
struct ThesaurusController {
    static let managers: Set<Role> = [.admin, .coordinator]
    let thesaurus: ThesaurusRepository
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

    struct NewEntry: Decodable {
        let code: String
        let name: LocalizedText
    }

    private func add(_ list: ThesaurusRepository.List, request: Request, context: ServiceRequestContext) async throws -> Response {
        _ = try context.requireRole(Self.managers)
        let entry = try await request.decodeJSON(as: NewEntry.self, context: context)
        var errors: [String: String] = [:]
        if entry.code.range(of: "^[a-z][a-z0-9_]{1,49}$", options: .regularExpression) == nil {
            errors["code"] = "must be 2 to 50 lower-case letters, digits or underscores, starting with a letter"
        }
        let names = (ky: entry.name.ky, ru: entry.name.ru, en: entry.name.en)
        guard let ky = names.ky, let ru = names.ru, let en = names.en else {
            throw ServiceError.validationFailed(errors.merging(["name": "must be given in ky, ru and en"]) { $1 })
        }
        if let problem = [ky, ru, en].lazy.compactMap(AppealTextLimits.entryName.problem(with:)).first { errors["name"] = "each language \(problem)" }
        if !errors.isEmpty { throw ServiceError.validationFailed(errors) }
        guard try await thesaurus.add(list, code: entry.code, ky: ky, ru: ru, en: en, at: Date()) else {
            throw ServiceError.codeTaken
        }
        encoded.invalidate()
        return try .json(ThesaurusRepository.Entry(code: entry.code, name: entry.name, isRetired: false), status: .created)
    }
}

extension ThesaurusRepository.Entry: ResponseEncodable {}

extension ThesaurusRepository {
    /// Whether `code` names an active category; a code longer than any code is refused without a query.
    func isActiveCategory(_ code: String) async throws -> Bool {
        guard AppealTextLimits.code.problem(with: code) == nil else { return false }
        return try await !activeCodes(.categories, among: [code]).isEmpty
    }
}
