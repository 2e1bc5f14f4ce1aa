import Foundation
import Hummingbird
import Models

extension Request {
    /// The `limit` and `cursor` query parameters, validated (`400 invalid_query` when they are not).
    public func pageRequest() throws -> PageRequest {
        do {
            return try PageRequest(limit: uri.queryParameters["limit"].map(String.init), cursor: uri.queryParameters["cursor"].map(String.init))
        } catch .invalidLimit(let raw) {
            throw ServiceError.invalidQuery("limit", "limit must be a whole number from 1 to \(PageRequest.maximumLimit), got \"\(raw.prefix(20))\"")
        } catch {
            throw ServiceError.invalidQuery("cursor", "cursor must be a nextCursor this API returned")
        }
    }

    /// Checks `If-Match` against the resource's current ETag before an update.
    ///
    /// - Throws: `428 precondition_required` without `If-Match`; `428 if_match_wildcard` for `If-Match: *`,
    ///   which matches any version and so would overwrite an edit the client never saw; `412 stale_version`
    ///   when another edit came first, so two editors never silently overwrite each other.
    public func checkIfMatch(currentETag: String) throws {
        guard let ifMatch = headers[.ifMatch] else {
            throw ServiceError.preconditionRequired
        }
        let candidates = ifMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard !candidates.contains("*") else {
            throw ServiceError.ifMatchWildcard
        }
        guard candidates.contains(currentETag) else { throw ServiceError.staleVersion }
    }

    /// An optional `true`/`false` query parameter (`400 invalid_query` when it is anything else).
    public func boolQuery(_ name: String) throws -> Bool? {
        guard let raw = uri.queryParameters[Substring(name)] else { return nil }
        guard let value = Bool(String(raw)) else { throw ServiceError.invalidQuery(name, "\(name) must be true or false") }
        return value
    }

    /// An optional query parameter holding one code of `Value` (`400 invalid_query` naming the codes otherwise).
    public func enumQuery<Value: ClosedVocabulary>(_ name: String, as type: Value.Type = Value.self) throws -> Value? {
        guard let raw = uri.queryParameters[Substring(name)] else { return nil }
        guard let value = Value(rawValue: String(raw)) else {
            throw ServiceError.invalidQuery(name, "\(name) must be one of \(Value.acceptedCodes)")
        }
        return value
    }

    /// An optional query parameter holding comma-separated codes of `Value` (`400 invalid_query` naming the codes otherwise).
    public func enumListQuery<Value: ClosedVocabulary>(_ name: String, as type: Value.Type = Value.self) throws -> [Value]? {
        guard let raw = uri.queryParameters[Substring(name)] else { return nil }
        let values = raw.split(separator: ",", omittingEmptySubsequences: false).map { Value(rawValue: String($0)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil }) else {
            throw ServiceError.invalidQuery(name, "\(name) must be a comma-separated list of \(Value.acceptedCodes)")
        }
        return values.compactMap { $0 }
    }

    /// An optional RFC 3339 timestamp query parameter (`400 invalid_query` when it is not one).
    public func dateQuery(_ name: String) throws -> Date? {
        guard let raw = uri.queryParameters[Substring(name)] else { return nil }
        guard let date = try? Date(String(raw), strategy: .iso8601) else {
            throw ServiceError.invalidQuery(name, "\(name) must be an RFC 3339 timestamp such as 2026-11-01T00:00:00Z")
        }
        return date
    }
}

extension ServiceRequestContext {
    /// The signed-in principal, or `401 authentication_required`.
    public func requirePrincipal() throws -> Principal {
        guard case .principal(let principal) = identity else { throw ServiceError.authenticationRequired }
        return principal
    }

    /// The signed-in principal holding one of `roles`, or 401/403.
    public func requireRole(_ roles: Set<Role>) throws -> Principal {
        let principal = try requirePrincipal()
        guard !principal.roles.isDisjoint(with: roles) else { throw ServiceError.forbidden }
        return principal
    }
}
