import Foundation
import HummingbirdTesting
import Persistence
import ServiceKit
import TestSupport
import Testing

@Suite struct StartUpTests {
    @Test func anUnreachableDatabaseStopsStartUpNamingItWithoutThePassword() async throws {
        let reader = TestConfiguration.reader(
            service: TestService.name, database: .postgres(url: "postgres://openmedia:hunter2@127.0.0.1:1/appeals")
        )
        let service = try await ServiceInstance.build(TestService.definition(executions: .init()), reader: reader)
        do {
            try await service.application.test(.router) { _ in }
            Issue.record("start-up should have failed")
        } catch let error as PersistenceError {
            #expect(error.description.contains("PostgreSQL at 127.0.0.1:1/appeals"))
            #expect(!error.description.contains("hunter2"))
        }
        #expect(!service.readiness.isMigrated)
    }

    @Test func aDatabaseURLThatIsNotPostgresIsRefusedAtBuild() async throws {
        let reader = TestConfiguration.reader(
            service: TestService.name, database: .sqlite(path: "/tmp/unused/x.sqlite"), overrides: ["database.url": "postgres://[::1"]
        )
        await #expect {
            try await ServiceInstance.build(TestService.definition(executions: .init()), reader: reader)
        } throws: { error in
            (error as? ConfigurationError)?.setting == "DATABASE_URL"
        }
    }
}
