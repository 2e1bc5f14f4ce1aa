import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Models
import Persistence
import ServiceKit
import TestSupport
import Testing

/// Questions arriving: from anyone while the episode takes them, from partners with their organisation as
/// the source, and from appeals staff import (the public summary only); the author reads their own by
/// the receipt code; contacts reach coordinators only.
@Suite struct QuestionIntakeTests {
    @Test(arguments: TestDatabases.kinds)
    func anyoneAsksWhileIntakeIsOpenAndReadsTheirQuestionByItsReceipt(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let id = try await h.openEpisode("announced")
            let early = try await h.ask(id)
            #expect(early.status == .conflict)
            #expect(early.problemCode == "question_intake_closed")
            #expect(early.text.contains("announced"))
            try await h.transition(id, to: "intake_open")

            // Disaggregation fields only with their consent flag.
            let refused = try await h.ask(id, extra: ["sex": "female"])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("consent.sex"))
            #expect(try await h.ask(id, "").status == .unprocessableContent)
            #expect(try await h.ask(id, String(repeating: "a", count: 4_001)).status == .unprocessableContent)

            let receipt = try await h.askedQuestion(
                id, "Can a school refuse my son?",
                extra: [
                    "name": "Aigul", "phone": "+996 700 123 456", "email": "aigul@example.org", "region": "KG-N", "topic": "education",
                    "language": "ky", "sex": "female", "ageBand": "30_44", "consent": ["sex": true, "ageBand": true],
                ])
            #expect(receipt.question.state == "received")
            #expect(receipt.question.language == "ky" && receipt.question.region == "KG-N" && receipt.question.topic == "education")
            #expect(receipt.question.asker == nil)
            let code = try #require(receipt.receiptCode)

            let mine = try await h.send(.post, "/api/v1/broadcasts/questions/lookup", json: ["code": code.lowercased()])
            #expect(mine.status == .ok)
            let view = try mine.decoded(as: QuestionView.self)
            #expect(view.id == receipt.question.id && view.originalText == "Can a school refuse my son?" && view.asker == nil)
            #expect(try await h.send(.post, "/api/v1/broadcasts/questions/lookup", json: ["code": "0000-0000-00"]).problemCode == "unknown_receipt_code")
            #expect(try await h.send(.post, "/api/v1/broadcasts/questions/lookup", json: ["code": "??"]).status == .unprocessableContent)

            // Coordinators see the asker; admins see the question but not how to reach its author.
            let path = "/api/v1/broadcasts/episodes/\(id)/questions"
            let staff = try await h.send(.get, path, as: BroadcastsHarness.coordinator).decoded(as: QuestionPage.self)
            let asker = try #require(staff.items.first?.asker)
            #expect(asker.phone == "+996 700 123 456" && asker.email == "aigul@example.org" && asker.sex == "female" && asker.ageBand == "30_44")
            #expect(staff.items.first?.source == "public")
            let admin = try await h.send(.get, path, as: .principal([.admin])).decoded(as: QuestionPage.self)
            #expect(admin.items.count == 1 && admin.items[0].asker == nil && admin.items[0].originalText != nil)
            // A strict episode shows the public nothing before approval.
            #expect(try await h.send(.get, path).decoded(as: QuestionPage.self).items.isEmpty)
            #expect(try await h.send(.get, "\(path)/\(receipt.question.id)").status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func aPartnersQuestionRecordsItsOrganisationAndTheEpisodeInThePathWorksToo(kind: DatabaseKind) async throws {
        try await BroadcastsHarness.with(kind) { h in
            let id = try await h.openEpisode("live", ["moderationMode": "permissive"])
            let organization = UUID()
            let sent = try await h.send(
                .post, "/api/v1/broadcasts/episodes/\(id)/questions", as: .partner(organizationID: organization), json: ["text": "From our hotline"])
            #expect(sent.status == .created)
            let question = try sent.decoded(as: QuestionReceiptView.self).question
            let staff = try await h.send(.get, "/api/v1/broadcasts/episodes/\(id)/questions/\(question.id)", as: BroadcastsHarness.coordinator)
                .decoded(as: QuestionView.self)
            #expect(staff.source == "partner")
            #expect(staff.partnerOrganizationId?.lowercased() == organization.uuidString.lowercased())
            // Permissive: the public sees it at once, without the staff's fields.
            let wall = try await h.send(.get, "/api/v1/broadcasts/episodes/\(id)/questions").decoded(as: QuestionPage.self)
            #expect(wall.items.map(\.text) == ["From our hotline"])
            #expect(wall.items[0].source == nil && wall.items[0].originalText == nil)
            // A planned episode is not revealed to the public, nor takes questions.
            let planned = try await h.createEpisode()
            #expect(try await h.ask(planned).status == .notFound)
        }
    }

    @Test(arguments: TestDatabases.kinds)
    func staffImportAnAppealsPublicSummaryOnceWithAReferenceAndNothingElse(kind: DatabaseKind) async throws {
        let published = UUID()
        try await FakeAppeals.run(summaries: [published: "Refused a pupil with a disability."]) { appeals in
            try await BroadcastsHarness.with(kind, settings: ["services.appeals.url": try appeals.url]) { h in
                let id = try await h.openEpisode("announced")
                let path = "/api/v1/broadcasts/episodes/\(id)/questions/import"
                #expect(try await h.send(.post, path, as: BroadcastsHarness.anonymous, json: ["appealId": published.uuidString]).status == .unauthorized)
                #expect(try await h.send(.post, path, as: .principal([.journalist]), json: ["appealId": published.uuidString]).status == .forbidden)
                let imported = try await h.send(.post, path, as: BroadcastsHarness.coordinator, json: ["appealId": published.uuidString, "language": "en"])
                #expect(imported.status == .created)
                let question = try imported.decoded(as: QuestionView.self)
                #expect(question.source == "appeal" && question.state == "received")
                #expect(question.appeal?.service == "appeals" && question.appeal?.type == "appeal")
                #expect(question.appeal?.id.lowercased() == published.uuidString.lowercased())
                #expect(question.originalText == "Refused a pupil with a disability." && question.region == "KG-N" && question.topic == "education")
                #expect(question.asker == nil)
                let again = try await h.send(.post, path, as: BroadcastsHarness.coordinator, json: ["appealId": published.uuidString])
                #expect(again.problemCode == "appeal_already_imported")
                // A producer's retry with its Idempotency-Key gets the answer it missed, not a refusal.
                let other = try await h.openEpisode("announced")
                let keyed: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "import-\(other)"]
                let otherPath = "/api/v1/broadcasts/episodes/\(other)/questions/import"
                let first = try await h.send(.post, otherPath, as: BroadcastsHarness.coordinator, json: ["appealId": published.uuidString], headers: keyed)
                #expect(first.status == .created, "\(first.text)")
                let retried = try await h.send(.post, otherPath, as: BroadcastsHarness.coordinator, json: ["appealId": published.uuidString], headers: keyed)
                #expect(retried.status == .created && retried.text == first.text, "\(retried.text)")
                let unpublished = try await h.send(.post, path, as: BroadcastsHarness.coordinator, json: ["appealId": UUID().uuidString])
                #expect(unpublished.status == .unprocessableContent)
                #expect(unpublished.problemCode == "appeal_not_quotable")
            }
        }
        // Appeals down: a 503 that says so, and nothing imported.
        try await BroadcastsHarness.with(kind, settings: ["services.appeals.url": "http://127.0.0.1:9"]) { h in
            let id = try await h.openEpisode("announced")
            let down = try await h.send(
                .post, "/api/v1/broadcasts/episodes/\(id)/questions/import", as: BroadcastsHarness.coordinator, json: ["appealId": published.uuidString])
            #expect(down.status == .serviceUnavailable)
            #expect(down.problemCode == "appeals_unavailable")
        }
    }
}

/// A stand-in for appeals' `GET /internal/appeals/{id}/public-summary`, served on a loopback port by the
/// kit (so broadcasts' signed assertion is checked as appeals checks it): the summaries given, 404 otherwise.
enum FakeAppeals {
    /// The summary as appeals answers it.
    struct Summary: Encodable {
        let ref: Reference
        let publicId: UUID
        let title: [String: String]
        let summary: [String: String]
        let regionCode: String
        let categoryCode: String
        let isPublished: Bool
        let publishedOn: String
    }

    static func run(summaries: [UUID: String], _ body: @Sendable (RunningService) async throws -> Void) async throws {
        let definition = ServiceDefinition(
            service: ServiceCatalog.appeals, migrations: [],
            registerRoutes: { router, _ in
                router.group("/internal/appeals/{id}/public-summary").get { _, context in
                    guard context.identity == .service(ServiceCatalog.broadcasts.name) else { throw ServiceError.forbidden }
                    guard let id = context.parameters.get("id", as: UUID.self), let summary = summaries[id] else {
                        throw ServiceError.notFound("appeal")
                    }
                    let document = Summary(
                        ref: Reference(service: "appeals", type: "appeal", id: id), publicId: UUID(), title: ["en": "A school's refusal"],
                        summary: ["en": summary], regionCode: "KG-N", categoryCode: "education", isPublished: true, publishedOn: "2026-11-30")
                    return try Response.json(document)
                }
            })
        try await ServiceHarness.run(definition, setup: .live, body)
    }
}
