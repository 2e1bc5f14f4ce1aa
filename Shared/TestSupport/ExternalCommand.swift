import Foundation

/// Runs a command-line tool from a test (a validator, a fuzzer) without blocking a Swift concurrency
/// thread: the services under test need those threads to answer the tool.
public enum ExternalCommand {
    /// How a command ended.
    public struct Outcome: Sendable {
        /// The exit status (non-zero when it failed, 127 when it is not installed).
        public let status: Int32
        /// Standard output and standard error, interleaved.
        public let output: String
    }

    /// Runs `arguments` (the first looked up on `PATH`) with `input` on standard input.
    public static func run(_ arguments: [String], input: String = "") async throws -> Outcome {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                process.arguments = arguments
                let standardInput = Pipe()
                let output = Pipe()
                process.standardInput = standardInput
                process.standardOutput = output
                process.standardError = output
                do {
                    try process.run()
                    standardInput.fileHandleForWriting.write(Data(input.utf8))
                    try standardInput.fileHandleForWriting.close()
                    // Read before waiting: a tool that fills the pipe would otherwise never exit.
                    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                    process.waitUntilExit()
                    continuation.resume(returning: Outcome(status: process.terminationStatus, output: text))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}
