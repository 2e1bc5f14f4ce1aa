import Foundation
import Models
import Persistence
import SQLKit
import ServiceKit

/// The one way the logframe changes: check → If-Match → mutate → version + 1 → save with the audit entry in
/// one transaction.
struct LogframeWorkflow {
    let indicators: LogframeRepository
    let organizations: OrganizationRepository
    let audit: AuditRepository
    let now: @Sendable () -> Date

    /// Creates the indicator `input` asks for.
    func create(_ input: NewLogframeIndicator, by actor: Principal) async throws -> LogframeIndicator {
        var indicator = input.indicator(now: now())
        try await check(indicator)
        indicator.targets = LogframeTargets.sorted(indicator.targets)
        try await indicators.database.transaction { [indicators, audit, indicator] session in
            guard try await indicators.find(code: indicator.code, on: session) == nil else { throw ServiceError.logframeCodeTaken }
            try await indicators.insert(indicator, on: session)
            try await audit.record(
                .logframeIndicatorCreated, by: actor.subject, target: .logframeIndicator, id: indicator.id.text,
                details: ["code": indicator.code], on: session)
        }
        indicators.snapshots.changed()
        return indicator
    }

    /// Applies `changes`; `checkVersion` is the request's If-Match check, made after the fields are checked.
    func update(
        _ indicator: LogframeIndicator, with changes: LogframeIndicatorChanges, by actor: Principal,
        checkVersion: (String) throws -> Void
    ) async throws -> LogframeIndicator {
        try await update(indicator, to: changes.applied(to: indicator), by: actor, checkVersion: checkVersion)
    }

    /// Replaces the indicator's fields with `changed`'s (the pages' form sends every field, and an emptied
    /// definition means none); `checkVersion` is made after the fields are checked.
    func update(
        _ indicator: LogframeIndicator, to changed: LogframeIndicator, by actor: Principal, checkVersion: (String) throws -> Void
    ) async throws -> LogframeIndicator {
        try await check(changed)
        try checkVersion(indicator.eTag)
        return try await save(changed, over: indicator, action: .logframeIndicatorUpdated, by: actor)
    }

    /// Deletes the indicator, with `If-Match` like every change; the audit entry keeps its code.
    func delete(_ indicator: LogframeIndicator, by actor: Principal, checkVersion: (String) throws -> Void) async throws {
        try checkVersion(indicator.eTag)
        try await indicators.database.transaction { [indicators, audit] session in
            guard try await indicators.delete(indicator.id, expectedVersion: indicator.version, on: session) else {
                throw ServiceError.staleVersion
            }
            try await audit.record(
                .logframeIndicatorDeleted, by: actor.subject, target: .logframeIndicator, id: indicator.id.text,
                details: ["code": indicator.code], on: session)
        }
        indicators.snapshots.changed()
    }

    /// Replaces the indicator's targets, with `If-Match` like every change.
    func setTargets(
        _ targets: LogframeTargets, of indicator: LogframeIndicator, by actor: Principal, checkVersion: (String) throws -> Void
    ) async throws -> LogframeIndicator {
        var changed = indicator
        changed.targets = targets.targets
        try changed.validate()
        changed.targets = LogframeTargets.sorted(changed.targets)
        try checkVersion(indicator.eTag)
        return try await save(changed, over: indicator, action: .logframeTargetsSet, by: actor)
    }

    /// Checks the indicator's own rules and that its owner is an active organisation of the directory.
    private func check(_ indicator: LogframeIndicator) async throws {
        var errors = FieldErrors()
        indicator.check(into: &errors)
        let owner = try await organizations.find(indicator.ownerId)
        errors.require(owner.map { !$0.isDisabled } ?? false, field: "ownerId", Organization.mustBeActive)
        try errors.throwIfAny()
    }

    private func save(
        _ indicator: LogframeIndicator, over previous: LogframeIndicator, action: AuditEntry.Action, by actor: Principal
    ) async throws -> LogframeIndicator {
        var indicator = indicator
        indicator.version = previous.version + 1
        indicator.updatedAt = now()
        try await indicators.database.transaction { [indicators, audit, indicator] session in
            if indicator.code != previous.code, try await indicators.find(code: indicator.code, on: session) != nil {
                throw ServiceError.logframeCodeTaken
            }
            guard try await indicators.update(indicator, expectedVersion: previous.version, on: session) else {
                throw ServiceError.staleVersion
            }
            try await audit.record(
                action, by: actor.subject, target: .logframeIndicator, id: indicator.id.text, details: ["code": indicator.code], on: session)
        }
        indicators.snapshots.changed()
        return indicator
    }
}
