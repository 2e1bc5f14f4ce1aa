import Models
import Persistence
import SQLKit

/// Migrations that seed the reference data of DESIGN.md §5, identical in every service that needs it.
public enum ReferenceDataMigrations {
    /// The nine ISO 3166-2:KG regions with their names in Kyrgyz, Russian and English.
    public static let regions = Migration("0001_create_regions") { database, _ in
        try await database.raw(
            """
            CREATE TABLE regions (
                code TEXT PRIMARY KEY,
                name_ky TEXT NOT NULL,
                name_ru TEXT NOT NULL,
                name_en TEXT NOT NULL,
                is_oblast BOOLEAN NOT NULL
            )
            """
        ).run()
        for region in Region.allCases {
            let name = region.name
            try await database.raw(
                """
                INSERT INTO regions (code, name_ky, name_ru, name_en, is_oblast)
                VALUES (\(bind: region.code), \(bind: name[.kyrgyz]), \(bind: name[.russian]), \(bind: name[.english]), \(bind: region.isOblast))
                """
            ).run()
        }
    }
}
