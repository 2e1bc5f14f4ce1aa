import AsyncHTTPClient
import Foundation
import HTTPTypes
import NIOCore
import NIOHTTP1
import Synchronization
import TestSupport

/// Reads a live stream (Server-Sent Events) over HTTP in the background, parsing its events as they come,
/// so a test can act and then wait for what its subscribers received.
final class LiveReader: Sendable {
    /// One event as received.
    struct Event: Sendable, Equatable {
        var id: String?
        var name: String
        var data: String
    }

    private let state = Mutex((text: "", events: [Event](), status: 0, contentType: ""))
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// A client of its own, so closing the reader closes its connection at once.
    private let client = HTTPClient(eventLoopGroupProvider: .singleton)

    /// Events received so far.
    var events: [Event] { state.withLock { $0.events } }
    /// The response's status and content type, once the head came.
    var head: (status: Int, contentType: String) { state.withLock { ($0.status, $0.contentType) } }

    /// Opens `url` with `headers` and keeps reading until ``close()``.
    static func open(_ url: String, headers: [(String, String)]) -> LiveReader {
        let reader = LiveReader()
        let task = Task {
            var request = HTTPClientRequest(url: url)
            for (name, value) in headers { request.headers.add(name: name, value: value) }
            do {
                let response = try await reader.client.execute(request, timeout: .seconds(120))
                reader.state.withLock {
                    $0.status = Int(response.status.code)
                    $0.contentType = response.headers.first(name: "Content-Type") ?? ""
                }
                for try await chunk in response.body { reader.receive(String(buffer: chunk)) }
            } catch {}
        }
        reader.task.withLock { $0 = task }
        return reader
    }

    /// Opens the live stream of `episode` on `service` as `caller`.
    static func open(_ service: RunningService, episode: String, as caller: TestIdentity, lastEventID: String? = nil) async throws -> LiveReader {
        let assertion = try await caller.assertion(to: service.name)
        var headers = [("X-Identity-Assertion", assertion)]
        if let lastEventID { headers.append(("Last-Event-ID", lastEventID)) }
        return open("\(try service.url)/api/v1/broadcasts/episodes/\(episode)/live", headers: headers)
    }

    private func receive(_ text: String) {
        state.withLock { state in
            state.text += text
            // Events end with a blank line; a partial one waits for the rest.
            while let end = state.text.range(of: "\n\n") {
                let block = state.text[..<end.lowerBound]
                state.text = String(state.text[end.upperBound...])
                var event = Event(id: nil, name: "message", data: "")
                var isComment = true
                for line in block.split(separator: "\n") {
                    if line.hasPrefix(":") { continue }
                    isComment = false
                    if line.hasPrefix("id: ") { event.id = String(line.dropFirst(4)) }
                    if line.hasPrefix("event: ") { event.name = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { event.data += String(line.dropFirst(6)) }
                }
                if !isComment { state.events.append(event) }
            }
        }
    }

    /// Waits until `condition` holds for the events received, for up to 20 s (a bound, not a timing assertion).
    func eventually(_ condition: ([Event]) -> Bool) async -> Bool {
        for _ in 0..<1000 {
            if condition(events) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Stops reading and closes the connection.
    func close() async {
        let task = task.withLock { $0 }
        task?.cancel()
        try? await client.shutdown()
        await task?.value
    }
}
