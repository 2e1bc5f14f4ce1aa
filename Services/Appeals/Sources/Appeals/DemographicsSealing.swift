import Foundation
import Logging
import Persistence
import SQLKit
import ServiceKit

/// Seals the sex, age group and vulnerable groups that the first schema kept in plain columns, into the
/// sealed submitter document, then empties the columns.
///
/// A start-up step, not a migration, because sealing needs the encryption key, which migrations do not
/// get. It is idempotent: it touches only rows whose plain columns still hold something, and a second
/// replica doing the same at once writes the same values. A value already in the sealed document (the
/// old schema wrote it to both) wins; a plain value the document lacks is added, so nothing is lost.
struct DemographicsSealing {
    let database: Database
    let cipher: FieldCipher

    /// Seals what is left; returns how many appeals it changed.
    @discardableResult
    func run(logger: Logger) async throws -> Int {
        let rows = try await database.sql.raw(
            """
            SELECT id, submitter_sealed, gender, age_group, vulnerable_groups FROM appeals
            WHERE gender IS NOT NULL OR age_group IS NOT NULL OR vulnerable_groups <> ''
            """
        ).all()
        for row in rows {
            let id = try row.uuid("id")
            var submitter =
                try row.decode(column: "submitter_sealed", as: Data?.self)
                .map { try JSONDecoder().decode(Submitter.self, from: try cipher.open($0, recordID: id, field: "submitter")) } ?? Submitter()
            let plainGender = try row.decode(column: "gender", as: String?.self)
            let plainAgeGroup = try row.decode(column: "age_group", as: String?.self)
            submitter.gender = submitter.gender ?? plainGender
            submitter.ageGroup = submitter.ageGroup ?? plainAgeGroup
            let plainGroups = try row.decode(column: "vulnerable_groups", as: String.self).split(separator: ",").map(String.init)
            submitter.vulnerableGroups = submitter.vulnerableGroups ?? (plainGroups.isEmpty ? nil : plainGroups)
            let sealed = try cipher.seal(try JSONEncoder().encode(submitter), recordID: id, field: "submitter")
            try await database.sql.raw(
                """
                UPDATE appeals SET submitter_sealed = \(bind: sealed), gender = NULL, age_group = NULL, vulnerable_groups = ''
                WHERE id = \(bind: id.text)
                """
            ).run()
        }
        if !rows.isEmpty { logger.notice("sealed the demographics of appeals stored by the old schema", metadata: ["appeals": "\(rows.count)"]) }
        return rows.count
    }
}
