import Foundation
import HTTPTypes
import HummingbirdTesting
import Models
import Persistence
import TestSupport
import Testing

/// The logframe API: indicators with baselines, targets and owners, managed by coordinators and admins.
@Suite struct LogframeTests {
    @Test(arguments: TestDatabases.kinds)
    func coordinatorsManageIndicatorsWithVersionsAndAudit(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let coordinator = try await gateway.signedInUser([.coordinator], adminToken: admin).token
            let owner = try await gateway.createOrganization(type: "project_team", token: admin)
            let created = try await gateway.send(
                .post, LogframeFixture.path, token: coordinator, json: LogframeFixture.indicator(code: "1.2", owner: owner),
                headers: [HTTPField.Name("Idempotency-Key")!: "logframe-1"])
            #expect(created.status == .created)
            let indicator = try created.decoded(as: LogframeIndicatorView.self)
            #expect(indicator.code == "1.2")
            #expect(indicator.sourceIndicator == "appeals.received")
            #expect(indicator.targets.map(\.period) == ["2026", "2027"])
            #expect(indicator.disaggregations == ["sex", "region"])

            // A retry with the same key answers as the first did, and adds nothing.
            let retried = try await gateway.send(
                .post, LogframeFixture.path, token: coordinator, json: LogframeFixture.indicator(code: "1.2", owner: owner),
                headers: [HTTPField.Name("Idempotency-Key")!: "logframe-1"])
            #expect(try retried.decoded(as: LogframeIndicatorView.self).id == indicator.id)
            let duplicate = try await gateway.send(.post, LogframeFixture.path, token: coordinator, json: LogframeFixture.indicator(code: "1.2", owner: owner))
            #expect(duplicate.status == .conflict)
            #expect(duplicate.problemCode == "logframe_code_taken")

            let path = "\(LogframeFixture.path)/\(indicator.id)"
            let eTag = try #require(created.headers[.eTag])
            let withoutIfMatch = try await gateway.send(.patch, path, token: coordinator, json: #"{"visibility":"stakeholders"}"#)
            #expect(withoutIfMatch.status == .preconditionRequired)
            let changed = try await gateway.send(
                .patch, path, token: coordinator, json: #"{"visibility":"stakeholders","unit":"count"}"#, headers: [.ifMatch: eTag])
            #expect(changed.status == .ok)
            #expect(try changed.decoded(as: LogframeIndicatorView.self).visibility == "stakeholders")
            let stale = try await gateway.send(.put, "\(path)/targets", token: coordinator, json: #"{"targets":[]}"#, headers: [.ifMatch: eTag])
            #expect(stale.status == .preconditionFailed)

            let targets = try await gateway.send(
                .put, "\(path)/targets", token: admin, json: #"{"targets":[{"period":"2026-06","value":5},{"period":"2026","value":40}]}"#,
                headers: [.ifMatch: try #require(changed.headers[.eTag])])
            #expect(targets.status == .ok)
            let read = try await gateway.send(.get, path, token: coordinator).decoded(as: LogframeIndicatorView.self)
            #expect(read.targets.map(\.period) == ["2026", "2026-06"])
            #expect(read.targets.map(\.value) == [40, 5])
            #expect(read.version == 3)

            let entries = try await gateway.auditEntries(adminToken: admin, query: "&targetId=\(indicator.id.uuidString.lowercased())")
            #expect(entries.map(\.action) == ["logframe.targets_set", "logframe.indicator_updated", "logframe.indicator_created"])
            #expect(entries.allSatisfy { $0.targetType == "logframe_indicator" })
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func badIndicatorsAreRefusedNamingTheFields(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let owner = try await gateway.createOrganization(token: admin)
            let bad = try await gateway.send(
                .post, LogframeFixture.path, token: admin,
                json: LogframeFixture.indicator(
                    code: "one", owner: UUID(), source: "weather.rain", unit: "percentage",
                    targets: #"[{"period":"2026","value":101},{"period":"2026","value":1},{"period":"2026-13","value":1}]"#))
            #expect(bad.status == .unprocessableContent)
            let fields = Set((bad.problem?.errors ?? [:]).keys)
            #expect(fields == ["code", "ownerId", "sourceIndicator", "targets", "targets[0].value", "targets[2].period"])

            let notAService = try await gateway.send(
                .post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "1", owner: owner, source: "gateway.users"))
            #expect(notAService.problem?.errors?["sourceIndicator"] != nil)
            let noBaseline = try await gateway.send(.post, LogframeFixture.path, token: admin, json: #"{"code":"1","name":{"en":"X"}}"#)
            #expect(noBaseline.status == .unprocessableContent)

            let tooMany = (0..<121).map { #"{"period":"\#(1900 + $0)","value":1}"# }.joined(separator: ",")
            let manyTargets = try await gateway.send(
                .post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "2", owner: owner, targets: "[\(tooMany)]"))
            #expect(manyTargets.problem?.errors?["targets"] != nil)
        }
    }

    /// `DELETE` takes the version it deletes, like every change, and only managers may.
    @Test(arguments: TestDatabases.kinds)
    func anIndicatorIsDeletedAtItsVersion(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let owner = try await gateway.createOrganization(token: admin)
            let created = try await gateway.send(.post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "4.1", owner: owner))
            let indicator = try created.decoded(as: LogframeIndicatorView.self)
            let path = "\(LogframeFixture.path)/\(indicator.id)"
            let stakeholder = try await gateway.signedInUser([.stakeholder], adminToken: admin).token
            #expect(try await gateway.send(.delete, path, token: stakeholder, headers: [.ifMatch: "\"1\""]).status == .forbidden)
            #expect(try await gateway.send(.delete, path, token: admin).status == .preconditionRequired)
            #expect(try await gateway.send(.delete, path, token: admin, headers: [.ifMatch: "\"2\""]).status == .preconditionFailed)

            let coordinator = try await gateway.signedInUser([.coordinator], adminToken: admin).token
            #expect(try await gateway.send(.delete, path, token: coordinator, headers: [.ifMatch: "\"1\""]).status == .noContent)
            #expect(try await gateway.send(.get, path, token: admin).status == .notFound)
            #expect(try await gateway.send(.delete, path, token: coordinator, headers: [.ifMatch: "\"1\""]).status == .notFound)
            let entries = try await gateway.auditEntries(adminToken: admin, query: "&targetId=\(indicator.id.uuidString.lowercased())")
            #expect(entries.map(\.action) == ["logframe.indicator_deleted", "logframe.indicator_created"])
        }
    }

    /// Per role: who writes, and who sees an indicator for stakeholders only.
    @Test(arguments: TestDatabases.kinds)
    func eachRoleReadsAndWritesWhatItMay(kind: DatabaseKind) async throws {
        try await GatewayHarness.with(kind) { gateway in
            let admin = try await gateway.adminToken()
            let owner = try await gateway.createOrganization(token: admin)
            let open = try await gateway.send(.post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "1.1", owner: owner))
                .decoded(as: LogframeIndicatorView.self)
            let restricted = try await gateway.send(
                .post, LogframeFixture.path, token: admin, json: LogframeFixture.indicator(code: "1.2", owner: owner, visibility: "stakeholders")
            ).decoded(as: LogframeIndicatorView.self)

            let expectations: [(Role?, writes: Bool, seesAll: Bool)] = [
                (nil, false, false), (.stakeholder, false, true), (.verifier, false, true), (.legalExpert, false, true),
                (.coordinator, true, true), (.admin, true, true), (.councilMember, false, false), (.journalist, false, false),
                (.csoPartner, false, false),
            ]
            for (role, writes, seesAll) in expectations {
                var token: String?
                if let role { token = try await gateway.signedInUser([role], adminToken: admin).token }
                let listed = try await gateway.send(.get, LogframeFixture.path, token: token).decoded(as: Listing<LogframeIndicatorView>.self)
                #expect(listed.items.map(\.code).filter { $0.hasPrefix("1.") } == (seesAll ? ["1.1", "1.2"] : ["1.1"]), "role \(role?.rawValue ?? "public")")
                #expect(try await gateway.send(.get, "\(LogframeFixture.path)/\(open.id)", token: token).status == .ok)
                let hidden = try await gateway.send(.get, "\(LogframeFixture.path)/\(restricted.id)", token: token)
                #expect(hidden.status == (seesAll ? .ok : .notFound), "role \(role?.rawValue ?? "public")")
                let create = try await gateway.send(
                    .post, LogframeFixture.path, token: token, json: LogframeFixture.indicator(code: "9.\(Int.random(in: 1...9999))", owner: owner))
                #expect(create.status == (writes ? .created : (role == nil ? .unauthorized : .forbidden)), "role \(role?.rawValue ?? "public")")
                let put = try await gateway.send(.put, "\(LogframeFixture.path)/\(open.id)/targets", token: token, json: #"{"targets":[]}"#)
                #expect(writes ? put.status == .preconditionRequired : put.status != .ok, "role \(role?.rawValue ?? "public")")
            }
        }
    }
}

/// Bodies for the logframe API.
enum LogframeFixture {
    static let path = "/api/v1/logframe/indicators"

    static func indicator(
        code: String, owner: UUID, source: String = "appeals.received", unit: String = "count", visibility: String = "public",
        targets: String = #"[{"period":"2027","value":120},{"period":"2026","value":100}]"#
    ) -> String {
        """
        {"code":"\(code)","name":{"en":"Appeals received","ru":"Получено обращений","ky":"Кабыл алынган кайрылуулар"},
         "definition":{"en":"Appeals received in the period"},"unit":"\(unit)","sourceIndicator":"\(source)",
         "disaggregations":["sex","region"],"baseline":{"period":"2025","value":50},"targets":\(targets),
         "ownerId":"\(owner.uuidString)","visibility":"\(visibility)"}
        """
    }
}

/// A logframe indicator as the API shows it.
struct LogframeIndicatorView: Decodable {
    struct PeriodValue: Decodable {
        let period: String
        let value: Double
    }
    let id: UUID
    let code: String
    let sourceIndicator: String
    let disaggregations: [String]
    let targets: [PeriodValue]
    let visibility: String
    let version: Int
}
