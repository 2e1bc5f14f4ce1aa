import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Every broadcasts route, called by every kind of caller, against a planned and an announced episode:
/// who gets through, who is refused (401 for the public, 403 for a role that may not), and who is not even
/// told a planned episode exists (404). Changes are sent without `If-Match`, so a caller who may make them
/// gets 428 and nothing changes while the matrix runs.
@Suite struct BroadcastAccessMatrixTests {
    enum Caller: String, CaseIterable {
        case anonymous, admin, coordinator, partner, journalist, stakeholder, legalExpert, verifier, councilMember
    }

    static let identities: [Caller: TestIdentity] = [
        .anonymous: .anonymous(),
        .admin: .principal([.admin]),
        .coordinator: .principal([.coordinator]),
        .partner: .partner(organizationID: UUID()),
        .journalist: .principal([.journalist], organizationID: UUID()),
        .stakeholder: .principal([.stakeholder]),
        .legalExpert: .principal([.legalExpert]),
        .verifier: .principal([.verifier]),
        .councilMember: .principal([.councilMember], organizationID: UUID(), organizationRegion: .naryn),
    ]

    /// Producers and moderators are coordinators: staff run everything.
    static let staff: Set<Caller> = [.admin, .coordinator]

    /// `status` for staff; otherwise 401 for the public and 403 for everyone else.
    static func forStaff(_ status: HTTPResponse.Status) -> (Caller) -> HTTPResponse.Status {
        { staff.contains($0) ? status : $0 == .anonymous ? .unauthorized : .forbidden }
    }

    struct Route {
        let method: HTTPRequest.Method
        let path: String
        var json: [String: Any]? = nil
        let expected: (Caller) -> HTTPResponse.Status
    }

    static func routes(show: String, episode id: String, guest: String, question: String, announced: Bool) -> [Route] {
        let episode = "/api/v1/broadcasts/episodes/\(id)"
        let reads: (Caller) -> HTTPResponse.Status = { announced || staff.contains($0) ? .ok : .notFound }
        return [
            Route(method: .get, path: "/api/v1/broadcasts/shows", expected: { _ in .ok }),
            Route(method: .get, path: "/api/v1/broadcasts/shows/\(show)", expected: { _ in .ok }),
            Route(method: .post, path: "/api/v1/broadcasts/shows", json: BroadcastsHarness.show(), expected: forStaff(.created)),
            Route(method: .patch, path: "/api/v1/broadcasts/shows/\(show)", json: ["signLanguage": false], expected: forStaff(.preconditionRequired)),
            Route(method: .get, path: "/api/v1/broadcasts/episodes", expected: { _ in .ok }),
            Route(
                method: .post, path: "/api/v1/broadcasts/episodes", json: BroadcastsHarness.episode(show: show), expected: forStaff(.created)),
            Route(method: .get, path: episode, expected: reads),
            Route(method: .get, path: episode + "/guests", expected: reads),
            Route(method: .get, path: episode + "/history", expected: forStaff(.ok)),
            Route(method: .patch, path: episode, json: ["durationMinutes": 90], expected: forStaff(.preconditionRequired)),
            Route(method: .post, path: episode + "/transitions", json: ["to": "cancelled", "reason": "r"], expected: forStaff(.preconditionRequired)),
            Route(
                method: .post, path: episode + "/guests", json: ["kind": "person", "name": "Expert", "role": "expert"],
                expected: forStaff(.preconditionRequired)),
            Route(method: .patch, path: episode + "/guests/\(guest)", json: ["status": "declined"], expected: forStaff(.preconditionRequired)),
            // Invalid bodies: only a caller who may make the change learns what its fields must hold.
            Route(method: .post, path: episode + "/transitions", json: ["to": "bogus"], expected: forStaff(.unprocessableContent)),
            Route(method: .post, path: episode + "/guests", json: ["kind": "alien"], expected: forStaff(.unprocessableContent)),
            // The answer log, open formats and indicators.
            Route(method: .get, path: "/api/v1/broadcasts/schedule.ics", expected: { _ in .ok }),
        ] + questionRoutes(episode: id, question: question, announced: announced)
    }

    /// The question queue's routes. The announced episode takes questions (it is `intake_open`) and holds one
    /// received question; the planned one holds none (its question ID names nothing). The live stream, which
    /// never ends, is checked only where it is refused (below); LiveStreamTests reads it.
    static func questionRoutes(episode id: String, question: String, announced: Bool) -> [Route] {
        let episode = "/api/v1/broadcasts/episodes/\(id)"
        let one = "\(episode)/questions/\(question)"
        let reads: (Caller) -> HTTPResponse.Status = { announced || staff.contains($0) ? .ok : .notFound }
        // Anyone asks an episode they can see while it takes questions; staff see the planned one, which does not.
        let asks: (Caller) -> HTTPResponse.Status = { announced ? .created : staff.contains($0) ? .conflict : .notFound }
        let staffOnQuestion: (HTTPResponse.Status) -> (Caller) -> HTTPResponse.Status = { status in forStaff(announced ? status : .notFound) }
        return [
            Route(method: .get, path: episode + "/questions", expected: reads),
            Route(method: .post, path: episode + "/questions", json: ["text": "A question"], expected: asks),
            Route(method: .post, path: "/api/v1/broadcasts/questions", json: ["episodeId": id, "text": "A question"], expected: asks),
            // An invalid code is refused before any lookup, so the matrix never trips the guessing brake.
            Route(method: .post, path: "/api/v1/broadcasts/questions/lookup", json: ["code": "??"], expected: { _ in .unprocessableContent }),
            // A received question of a strict episode is on no wall: nobody upvotes it.
            Route(method: .post, path: "/api/v1/broadcasts/questions/upvotes", json: ["questionId": question], expected: { _ in .notFound }),
            Route(method: .post, path: episode + "/questions/import", json: ["appealId": "x"], expected: forStaff(.unprocessableContent)),
            Route(method: .get, path: one, expected: { announced && staff.contains($0) ? .ok : .notFound }),
            Route(method: .get, path: one + "/history", expected: staffOnQuestion(.ok)),
            Route(method: .patch, path: one, json: ["queuePosition": 1], expected: staffOnQuestion(.preconditionRequired)),
            Route(method: .post, path: one + "/transitions", json: ["to": "approved"], expected: staffOnQuestion(.preconditionRequired)),
            Route(method: .post, path: one + "/transitions", json: ["to": "bogus"], expected: staffOnQuestion(.unprocessableContent)),
        ]
    }

    @Test(arguments: TestDatabases.kinds)
    func everyRouteAnswersEveryCallerAsItsRulesSay(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let show = try await h.createShow()
            var episodes: [Bool: (id: String, guest: String, question: String)] = [:]
            for announced in [false, true] {
                let created = try await h.send(
                    .post, "/api/v1/broadcasts/episodes", as: BroadcastsHarness.coordinator, json: BroadcastsHarness.episode(show: show))
                let id = try created.decoded(as: Identified.self).id
                let guest = try await h.change(.post, id, "/guests", json: ["kind": "person", "name": "Lawyer", "role": "lawyer"])
                    .decoded(as: Identified.self).id
                var question = UUID().uuidString
                if announced {
                    try #require(try await h.transition(id, to: "announced").status == .ok)
                    try #require(try await h.transition(id, to: "intake_open").status == .ok)
                    question = try await h.askedQuestion(id).question.id
                }
                episodes[announced] = (id, guest, question)
            }
            for announced in [false, true] {
                let (id, guest, question) = episodes[announced]!
                for route in Self.routes(show: show, episode: id, guest: guest, question: question, announced: announced) {
                    for caller in Caller.allCases {
                        let response = try await h.send(route.method, route.path, as: Self.identities[caller]!, json: route.json)
                        #expect(
                            response.status == route.expected(caller),
                            "\(announced) \(route.method) \(route.path) as \(caller.rawValue): \(response.status.code) \(response.problemCode ?? "")")
                    }
                }
            }
            // A planned episode's live stream is not revealed to anyone but staff.
            for caller in Caller.allCases where !Self.staff.contains(caller) {
                let live = try await h.send(.get, "/api/v1/broadcasts/episodes/\(episodes[false]!.id)/live", as: Self.identities[caller]!)
                #expect(live.status == .notFound, "live as \(caller.rawValue)")
            }
            // The list holds the planned episodes for staff only; producers' names are for staff only.
            for caller in Caller.allCases {
                let page = try await h.send(.get, "/api/v1/broadcasts/episodes?limit=200&showId=\(show)", as: Self.identities[caller]!)
                    .decoded(as: EpisodePage.self)
                let listed = Set(page.items.map(\.id))
                #expect(listed.contains(episodes[true]!.id), "announced as \(caller.rawValue)")
                #expect(listed.contains(episodes[false]!.id) == Self.staff.contains(caller), "planned as \(caller.rawValue)")
                #expect(page.items.allSatisfy { ($0.producer != nil) == Self.staff.contains(caller) }, "producer as \(caller.rawValue)")
            }
        }
    }
}
