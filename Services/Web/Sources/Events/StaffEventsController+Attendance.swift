import Foundation
import HTTPTypes
import Hummingbird
import Models
import NIOCore
import NIOHTTP1
import ServiceKit

extension StaffEventsController {
    /// The statuses in which the events service marks attendance after the event, one by one or from a sheet.
    static let markingStates: Set<EventState> = [.held, .reportPending]

    /// `POST /staff/events/{id}/registrations/{registrationId}/attendance`: marks one registration `attended` or
    /// `no_show` with the version the list showed, and back to the list; the list with a notice when it changed meanwhile.
    @Sendable func markAttendance(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self), let registration = context.parameters.get("registrationId", as: UUID.self) else {
            return errorPage(.notFound, request: request, context: context)
        }
        let listPath = Self.path(of: id) + "/registrations"
        guard context.identity?.isPerson == true else { return signIn(returningTo: listPath) }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        guard let attendance = fields.trimmed("attendance").flatMap(EventsWire.Attendance.init(rawValue:)),
            let version = fields.trimmed("version").flatMap({ Int($0) })
        else {
            return errorPage(.badRequest, request: request, context: context)
        }
        let path = "/api/v1/events/\(id.uuidString.lowercased())/registrations/\(registration.uuidString.lowercased())/attendance"
        var headers = HTTPHeaders()
        headers.add(name: "If-Match", value: "\"\(version)\"")
        let marked = await api.send(
            .PUT, EventsWire.service, path, json: EventsWire.AttendanceMark(attendance: attendance), headers: headers, as: NoContent.self,
            context: context)
        switch marked {
        case .success: return renderer.redirect(to: listPath)
        // Marked or changed meanwhile (other staff, a withdrawal), or the event moved on: the list as it is now.
        case .problem(let problem) where [409, 412].contains(problem.status):
            return await registrationsPage(id, notice: "staff_registrations_changed", status: .conflict, request: request, context: context)
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
    }

    /// `POST /staff/events/{id}/attendance-sheet`: the paper sheet typed or pasted as CSV (`code,attendance` lines)
    /// goes to the API whole; the list with how many were marked, or the sheet again with each line's problem.
    @Sendable func attendanceSheet(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        guard let id = context.parameters.get("id", as: UUID.self) else { return errorPage(.notFound, request: request, context: context) }
        guard context.identity?.isPerson == true else { return signIn(returningTo: Self.path(of: id) + "/registrations") }
        guard let fields = await renderer.acceptedForm(request, context: context) else { return renderer.formRefused(request: request, context: context) }
        let text = fields["sheet"] ?? ""
        func again(_ problems: AttendanceSheetProblems, status: HTTPResponse.Status) async -> Response {
            await registrationsPage(id, sheet: (text, problems), status: status, request: request, context: context)
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return await again(.init(.empty), status: .unprocessableContent) }
        guard text.utf8.count <= AttendanceSheetProblems.maxSheetBytes else { return await again(.init(.size), status: .unprocessableContent) }
        let path = "/api/v1/events/\(id.uuidString.lowercased())/attendance-sheet"
        switch await api.sendCSV(path, text, as: EventsWire.SheetResult.self, context: context) {
        case .success(let result, _):
            let texts = renderer.texts(for: request)
            let notice = (texts["events_s21_sheet_applied"] ?? "") + " \(result.attended) / \(result.noShow)"
            return await registrationsPage(id, noticeText: notice, request: request, context: context)
        case .problem(let problem) where problem.status == 422:
            return await again(AttendanceSheetProblems(apiErrors: problem.errors ?? [:]), status: .unprocessableContent)
        case .problem(let problem) where problem.status == 413:
            return await again(.init(.size), status: .unprocessableContent)
        case .problem(let problem) where problem.code == "attendance_not_open":
            return await registrationsPage(id, notice: "events_s21_sheet_not_open", status: .conflict, request: request, context: context)
        case .problem(let problem): return failure(problem, request: request, context: context)
        case .unavailable: return unavailable(request: request, context: context)
        }
    }
}

extension PageAPI {
    /// `POST`s `text` as CSV to `path` of the events service and decodes the answer as `Value`.
    func sendCSV<Value: Decodable & Sendable>(
        _ path: String, _ text: String, as type: Value.Type, context: ServiceRequestContext
    ) async -> Outcome<Value> {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/csv; charset=utf-8")
        let response: ServiceResponse
        do {
            response = try await client.send(
                .POST, to: EventsWire.service, path: path, headers: headers, body: ByteBuffer(string: text), as: context.identity ?? .anonymous,
                clientKey: context.clientKey)
        } catch {
            return .unavailable
        }
        switch response.status.code {
        case 200..<300:
            guard let value = try? response.decode(as: Value.self) else { return .unavailable }
            return .success(value, headers: response.headers)
        case 400..<500:
            guard let problem = try? response.decode(as: Problem.self) else { return .unavailable }
            return .problem(problem)
        default:
            return .unavailable
        }
    }
}

extension EventsWire {
    /// `PUT …/registrations/{id}/attendance`'s body.
    struct AttendanceMark: Encodable, Sendable {
        var attendance: Attendance
    }

    /// What a paper sheet changed.
    struct SheetResult: Decodable, Sendable {
        var attended: Int
        var noShow: Int
    }
}
