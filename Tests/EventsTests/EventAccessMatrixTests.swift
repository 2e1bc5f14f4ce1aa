import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// Every events route, called by every kind of caller, against a draft and a published event of each
/// visibility, all organised by the Naryn council in Naryn: who gets through, who is refused (401 for the
/// public, 403 for a role that may not), and who is not even told the event exists (404). Changes are sent
/// without `If-Match`, so a caller who may make them gets 428 and nothing changes while the matrix runs.
@Suite struct EventAccessMatrixTests {
    enum Caller: String, CaseIterable {
        case anonymous, admin, coordinator, councilOwn, councilRegion, councilElsewhere
        case partner, journalist, stakeholder, legalExpert, verifier
    }

    static let narynCouncil = EventsHarness.narynCouncil
    static let talasCouncil = UUID()
    static let identities: [Caller: TestIdentity] = [
        .anonymous: .anonymous(),
        .admin: .principal([.admin]),
        .coordinator: .principal([.coordinator]),
        // Runs the events as their organiser.
        .councilOwn: .principal([.councilMember], organizationID: narynCouncil, organizationRegion: .naryn),
        // Runs them as another council of their region.
        .councilRegion: .principal([.councilMember], organizationID: UUID(), organizationRegion: .naryn),
        .councilElsewhere: .principal([.councilMember], organizationID: talasCouncil, organizationRegion: .talas),
        .partner: .partner(organizationID: UUID()),
        .journalist: .principal([.journalist], organizationID: UUID()),
        .stakeholder: .principal([.stakeholder]),
        .legalExpert: .principal([.legalExpert]),
        .verifier: .principal([.verifier]),
    ]

    /// Who run the events: staff, and the councils of their organiser and region.
    static let runners: Set<Caller> = [.admin, .coordinator, .councilOwn, .councilRegion]
    /// Who read published `partners` events without running them.
    static let partners: Set<Caller> = [.councilElsewhere, .partner, .legalExpert, .verifier]

    enum Kind: String, CaseIterable {
        case draft, publicEvent, partnersEvent, internalEvent
    }

    static func sees(_ kind: Kind, _ caller: Caller) -> Bool {
        if runners.contains(caller) { return true }
        switch kind {
        case .draft, .internalEvent: return false
        case .publicEvent: return true
        case .partnersEvent: return partners.contains(caller)
        }
    }

    /// `status` for those who run the event; otherwise 401 for the public, 404 for those it is hidden
    /// from, 403 for everyone else.
    static func forRunners(_ status: HTTPResponse.Status, _ kind: Kind) -> (Caller) -> HTTPResponse.Status {
        { caller in
            if runners.contains(caller) { return status }
            if caller == .anonymous { return .unauthorized }
            if caller == .councilElsewhere, !sees(kind, caller) { return .notFound }
            return .forbidden
        }
    }

    struct Route {
        let method: HTTPRequest.Method
        let path: String
        var json: [String: Any]? = nil
        let expected: (Caller) -> HTTPResponse.Status
    }

    static func routes(event id: String, item: String, kind: Kind) -> [Route] {
        let event = "/api/v1/events/\(id)"
        let reads: (Caller) -> HTTPResponse.Status = { sees(kind, $0) ? .ok : .notFound }
        return [
            Route(method: .get, path: event, expected: reads),
            Route(method: .get, path: event + "/agenda", expected: reads),
            Route(method: .get, path: event + "/history", expected: forRunners(.ok, kind)),
            Route(method: .patch, path: event, json: ["type": "forum"], expected: forRunners(.preconditionRequired, kind)),
            Route(method: .post, path: event + "/transitions", json: ["to": "cancelled", "reason": "r"], expected: forRunners(.preconditionRequired, kind)),
            Route(method: .post, path: event + "/agenda", json: AgendaTests.item("New"), expected: forRunners(.preconditionRequired, kind)),
            Route(method: .patch, path: event + "/agenda/\(item)", json: ["durationMinutes": 5], expected: forRunners(.preconditionRequired, kind)),
            Route(method: .delete, path: event + "/agenda/\(item)", expected: forRunners(.preconditionRequired, kind)),
            Route(method: .put, path: event + "/agenda/order", json: ["itemIds": [item]], expected: forRunners(.preconditionRequired, kind)),
            Route(
                method: .post, path: event + "/copy", json: ["startsAt": "2027-09-01T04:00:00Z", "endsAt": "2027-09-01T08:00:00Z"],
                expected: forRunners(.created, kind)),
            Route(method: .get, path: event + "/occurrences", expected: reads),
            Route(method: .put, path: event + "/recurrence", json: ["rule": "FREQ=WEEKLY"], expected: forRunners(.preconditionRequired, kind)),
            Route(method: .delete, path: event + "/recurrence", expected: forRunners(.preconditionRequired, kind)),
            Route(
                method: .post, path: event + "/occurrences/changes", json: ["originalStartsAt": "2027-03-17T04:00:00Z", "status": "cancelled"],
                expected: forRunners(.preconditionRequired, kind)),
            // Invalid bodies: only a caller who may make the change learns what its fields must hold.
            Route(method: .post, path: event + "/transitions", json: ["to": "bogus"], expected: forRunners(.unprocessableContent, kind)),
            Route(method: .put, path: event + "/recurrence", json: ["rule": "FREQ=HOURLY"], expected: forRunners(.unprocessableContent, kind)),
            Route(
                method: .post, path: event + "/copy", json: ["startsAt": "2027-09-01T04:00:00Z", "endsAt": "2027-08-01T04:00:00Z"],
                expected: forRunners(.unprocessableContent, kind)),
        ] + registrationRoutes(event: event, id: id, kind: kind)
    }

    /// Registrations: whoever sees the event registers (none of these events is open, so 409); anyone looks up
    /// and withdraws by code (an impossible code, so 422); only those who run it list, read, read the history,
    /// decide and set the capacity, without changing anything here. Invitations likewise.
    static func registrationRoutes(event: String, id: String, kind: Kind) -> [Route] {
        let seen: (HTTPResponse.Status) -> (Caller) -> HTTPResponse.Status = { status in { sees(kind, $0) ? status : .notFound } }
        let registration = "\(event)/registrations/\(UUID().uuidString.lowercased())"
        let invitation = "\(event)/invitations/\(UUID().uuidString.lowercased())"
        return [
            Route(method: .get, path: event + "/registrations", expected: forRunners(.ok, kind)),
            Route(method: .get, path: event + "/registrations/summary", expected: seen(.ok)),
            Route(method: .post, path: "/api/v1/events/registrations", json: ["name": "Aigerim", "eventId": id], expected: seen(.conflict)),
            Route(method: .post, path: "/api/v1/events/registrations/lookup", json: ["code": "!"], expected: { _ in .unprocessableContent }),
            Route(method: .post, path: "/api/v1/events/registrations/withdraw", json: ["code": "!"], expected: { _ in .unprocessableContent }),
            Route(method: .get, path: registration, expected: forRunners(.notFound, kind)),
            Route(method: .get, path: registration + "/history", expected: forRunners(.notFound, kind)),
            // A decision or a mark without If-Match is refused before anything is looked up.
            Route(method: .post, path: registration + "/decision", json: ["decision": "reject"], expected: forRunners(.preconditionRequired, kind)),
            Route(
                method: .put, path: event + "/registration-settings", json: ["capacity": -1, "moderated": false],
                expected: forRunners(.unprocessableContent, kind)),
            // Invitations: only those who run the event; everyone who sees it reads the counts.
            Route(method: .get, path: event + "/invitations", expected: forRunners(.ok, kind)),
            Route(method: .post, path: event + "/invitations", json: ["role": "chair"], expected: forRunners(.unprocessableContent, kind)),
            Route(method: .get, path: event + "/invitations/summary", expected: seen(.ok)),
            Route(method: .get, path: invitation, expected: forRunners(.notFound, kind)),
            // An answer or a mark without If-Match is refused before the invitation is looked up.
            Route(method: .post, path: invitation + "/rsvp", json: ["rsvp": "accepted"], expected: forRunners(.preconditionRequired, kind)),
            Route(method: .put, path: invitation + "/attendance", json: ["attendance": "attended"], expected: forRunners(.preconditionRequired, kind)),
            // Attendance: none of these events is on its day, so those who may take it learn only that (409).
            Route(method: .post, path: event + "/check-ins", json: ["code": "ABCD-EFGH"], expected: forRunners(.conflict, kind)),
            Route(method: .post, path: event + "/walk-ins", json: [:], expected: forRunners(.conflict, kind)),
            Route(method: .put, path: registration + "/attendance", json: ["attendance": "no_show"], expected: forRunners(.preconditionRequired, kind)),
            Route(method: .get, path: event + "/attendees", expected: seen(.ok)),
            Route(method: .get, path: event + "/registrations.csv", expected: exportable(kind)),
        ]
    }

    /// The export: those who run the event, and partners who see it (without the people's data); 401 for
    /// the public, 404 where the event is hidden, 403 for other roles.
    static func exportable(_ kind: Kind) -> (Caller) -> HTTPResponse.Status {
        { caller in
            if caller == .anonymous { return .unauthorized }
            if runners.contains(caller) { return .ok }
            guard partners.contains(caller) else { return .forbidden }
            return sees(kind, caller) ? .ok : .notFound
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func everyRouteAnswersEveryCallerAsItsRulesSay(kind database: DatabaseKind) async throws {
        try await EventsHarness.with(database) { h in
            var events: [Kind: (id: String, item: String)] = [:]
            for kind in Kind.allCases {
                let visibility = ["publicEvent": "public", "partnersEvent": "partners", "internalEvent": "internal"][kind.rawValue] ?? "public"
                let event = try await h.create(EventsHarness.hearing(["visibility": visibility]))
                let agenda = try await h.change(.post, event.id, "/agenda", json: AgendaTests.item("Opening")).decoded(as: AgendaView.self)
                try #require(try await h.change(.put, event.id, "/recurrence", json: ["rule": "FREQ=WEEKLY;COUNT=3"]).status == .ok)
                if kind != .draft { try await h.advance(event.id, to: "published") }
                events[kind] = (event.id, try #require(agenda.items.first?.id))
            }
            for kind in Kind.allCases {
                let (id, item) = events[kind]!
                for route in Self.routes(event: id, item: item, kind: kind) {
                    for caller in Caller.allCases {
                        let response = try await h.send(route.method, route.path, as: Self.identities[caller]!, json: route.json)
                        #expect(
                            response.status == route.expected(caller),
                            "\(kind) \(route.method) \(route.path) as \(caller.rawValue): \(response.status.code) \(response.problemCode ?? "")")
                    }
                }
            }

            // The list holds exactly what each caller may see (the copies made above are drafts their runners see).
            for caller in Caller.allCases {
                let page = try await h.send(.get, "/api/v1/events?limit=200", as: Self.identities[caller]!).decoded(as: EventPage.self)
                let listed = Set(page.items.map(\.id))
                let expected = Set(Kind.allCases.filter { Self.sees($0, caller) }.map { events[$0]!.id })
                #expect(listed.intersection(events.values.map(\.id)) == expected, "list as \(caller.rawValue)")
                #expect(Self.runners.contains(caller) || listed == expected, "\(caller.rawValue) sees copies it does not run")
            }
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func onlyStaffAndTheCouncilsOfTheOrganiserOrRegionDraftEvents(kind database: DatabaseKind) async throws {
        try await EventsHarness.with(database) { h in
            for caller in Caller.allCases {
                let response = try await h.send(.post, "/api/v1/events", as: Self.identities[caller]!, json: EventsHarness.hearing())
                let expected: HTTPResponse.Status =
                    Self.runners.contains(caller) ? .created : caller == .anonymous ? .unauthorized : .forbidden
                #expect(response.status == expected, "create as \(caller.rawValue): \(response.status.code)")
            }
            // A council elsewhere drafts its own events in its region, and no other council's.
            let talasCouncil = try #require(Self.identities[.councilElsewhere])
            let ownTalas = EventsHarness.hearing(["organizerId": Self.talasCouncil.uuidString, "venue": ["regionCode": "KG-T"]])
            #expect(try await h.send(.post, "/api/v1/events", as: talasCouncil, json: ownTalas).status == .created)
            let inTalasForNaryn = EventsHarness.hearing(["venue": ["regionCode": "KG-T"]])
            #expect(try await h.send(.post, "/api/v1/events", as: talasCouncil, json: inTalasForNaryn).status == .created)
            let councilOwn = try #require(Self.identities[.councilOwn])
            let elsewhereForOthers = EventsHarness.hearing(["organizerId": UUID().uuidString, "venue": ["regionCode": "KG-T"]])
            #expect(try await h.send(.post, "/api/v1/events", as: councilOwn, json: elsewhereForOthers).problemCode == "forbidden")
            // Nor can a council hand an event it runs over to another council and region.
            let event = try await h.create(as: councilOwn)
            let handover = try await h.change(
                .patch, event.id, as: councilOwn, json: ["organizerId": UUID().uuidString, "venue": ["regionCode": "KG-T"]])
            #expect(handover.status == .forbidden)
        }
    }

    // MARK: Reports, recommendations, scorecards and the calendar

    /// The routes of a held event's report and recommendations. The report is approved, so whoever sees
    /// the event reads it; changes are sent without `If-Match`.
    static func accountabilityRoutes(event id: String, recommendation: String, kind: Kind) -> [Route] {
        let event = "/api/v1/events/\(id)"
        let one = "/api/v1/events/recommendations/\(recommendation)"
        let reads: (Caller) -> HTTPResponse.Status = { sees(kind, $0) ? .ok : .notFound }
        let evidence = ["note": "Letter"]
        return [
            Route(method: .get, path: event + "/report", expected: reads),
            Route(method: .get, path: event + "/report/history", expected: forRunners(.ok, kind)),
            Route(method: .post, path: event + "/report", json: EventsHarness.report(), expected: forRunners(.conflict, kind)),
            Route(method: .put, path: event + "/report", json: EventsHarness.report(), expected: forRunners(.preconditionRequired, kind)),
            Route(method: .post, path: event + "/report/transitions", json: ["to": "draft"], expected: forRunners(.preconditionRequired, kind)),
            Route(method: .get, path: event + "/recommendations", expected: reads),
            Route(
                method: .post, path: event + "/recommendations",
                json: ["text": ["en": "Act"], "dutyBearerId": UUID().uuidString, "dueOn": "2027-06-30"], expected: forRunners(.created, kind)),
            Route(method: .get, path: one, expected: reads),
            Route(method: .get, path: one + "/history", expected: reads),
            Route(
                method: .post, path: one + "/transitions", json: ["to": "accepted", "evidence": evidence],
                expected: forRunners(.preconditionRequired, kind)),
            Route(method: .post, path: one + "/progress", json: ["progress": 5, "evidence": evidence], expected: forRunners(.preconditionRequired, kind)),
            // Invalid bodies: only a caller who may make the change learns what its fields must hold.
            Route(
                method: .post, path: one + "/transitions", json: ["to": "accepted", "evidence": [String: String]()],
                expected: forRunners(.unprocessableContent, kind)),
            Route(method: .get, path: "/api/v1/events/scorecards?dutyBearer=\(UUID())", expected: { _ in .ok }),
            Route(method: .get, path: "/api/v1/events/scorecards?council=\(narynCouncil)", expected: { _ in .ok }),
            Route(method: .get, path: "/api/v1/events/recommendations?dutyBearer=\(UUID())", expected: { _ in .ok }),
            Route(method: .get, path: "/api/v1/events/recommendations?council=\(narynCouncil)&status=proposed", expected: { _ in .ok }),
            Route(method: .get, path: "/api/v1/events/recommendations", expected: { _ in .badRequest }),
            Route(method: .get, path: "/api/v1/events/calendar.ics?region=KG-N", expected: { _ in .ok }),
            // Indicators are the gateway's: no person, whatever their role, reads them.
            Route(method: .get, path: "/internal/indicators?from=2027-01&to=2027-12", expected: { _ in .forbidden }),
        ]
    }

    @Test(arguments: TestDatabases.kinds)
    func reportAndRecommendationRoutesAnswerEveryCallerAsTheirRulesSay(kind database: DatabaseKind) async throws {
        try await EventsHarness.with(database) { h in
            for kind in [Kind.publicEvent, .partnersEvent, .internalEvent] {
                let visibility = ["publicEvent": "public", "partnersEvent": "partners", "internalEvent": "internal"][kind.rawValue]!
                let event = try await h.heldEvent(EventsHarness.hearing(["visibility": visibility]))
                let report = "/api/v1/events/\(event.id)/report"
                try #require(try await h.send(.post, report, as: EventsHarness.coordinator, json: EventsHarness.report()).status == .created)
                try #require(try await h.changeResource(.post, report, "/transitions", json: ["to": "submitted"]).status == .ok)
                try #require(try await h.changeResource(.post, report, "/transitions", json: ["to": "approved"]).status == .ok)
                let recommendation = try await h.recommend(event.id, to: UUID())
                for route in Self.accountabilityRoutes(event: event.id, recommendation: recommendation.id, kind: kind) {
                    for caller in Caller.allCases {
                        let response = try await h.send(route.method, route.path, as: Self.identities[caller]!, json: route.json)
                        #expect(
                            response.status == route.expected(caller),
                            "\(kind) \(route.method) \(route.path) as \(caller.rawValue): \(response.status.code) \(response.problemCode ?? "")")
                    }
                }
            }
        }
    }
}
