import Foundation
import Testing

/// A problem's `code` is what a client's program branches on, so each code names one meaning and is
/// defined in one place: the kit's codes in `ServiceKitErrors.swift`, each service's in `<Name>Errors.swift`.
/// The check reads the sources, so a code written inline in a controller or middleware, or a second
/// definition reusing a code for another meaning, fails here whatever the code path that throws it.
@Suite struct ErrorCodeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The folders checked, each with the one file allowed to define codes.
    static let definitions: [(folder: String, file: String)] = [
        ("Shared/ServiceKit", "ServiceKitErrors.swift"),
        ("Services/Gateway/Sources", "GatewayErrors.swift"),
        ("Services/Appeals/Sources", "AppealsErrors.swift"),
    ]

    /// Where a `ServiceError` is built or a code is written, per file (relative path) and line.
    struct Definition: Equatable, CustomStringConvertible {
        let file: String
        let line: Int
        let code: String?
        var description: String { "\(file):\(line)\(code.map { " \($0)" } ?? "")" }
    }

    static func definitions(in folder: String) throws -> [Definition] {
        let base = root.appendingPathComponent(folder)
        let files =
            FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        let codePattern = try Regex(#"code: "([^"]*)""#)
        var found: [Definition] = []
        for file in files {
            let path = String(file.path.dropFirst(root.path.count + 1))
            for (index, line) in try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let text = line.trimmingCharacters(in: .whitespaces)
                guard !text.hasPrefix("//") else { continue }
                if let match = text.firstMatch(of: codePattern) {
                    found.append(Definition(file: path, line: index + 1, code: match.output[1].substring.map(String.init)))
                } else if text.contains("ServiceError(") {
                    found.append(Definition(file: path, line: index + 1, code: nil))
                }
            }
        }
        return found
    }

    @Test func everyErrorIsBuiltInItsErrorsFile() throws {
        for (folder, file) in Self.definitions {
            let elsewhere = try Self.definitions(in: folder).filter { !$0.file.hasSuffix("/" + file) }
            #expect(elsewhere.isEmpty, "errors built outside \(file): \(elsewhere)")
        }
    }

    @Test func noTwoDefinitionsShareACode() throws {
        let all = try Self.definitions.flatMap { try Self.definitions(in: $0.folder) }
        let byCode = Dictionary(grouping: all.filter { $0.code != nil }, by: { $0.code! })
        let shared = byCode.filter { $0.value.count > 1 }
        #expect(shared.isEmpty, "codes defined more than once: \(shared.sorted { $0.key < $1.key })")
        // The scan sees the definitions at all (a moved file would otherwise pass silently).
        #expect(byCode["validation_failed"] != nil && byCode["invalid_credentials"] != nil)
    }
}
