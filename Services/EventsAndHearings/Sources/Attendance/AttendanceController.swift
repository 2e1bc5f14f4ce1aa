import Foundation
import HTTPTypes
import Hummingbird
import Models
import Persistence
import ServiceKit

/// Attendance at an event: staff who run it check people in at the door (`/check-ins`, `/walk-ins`), mark
/// them afterwards (one by one or from the paper sheet) and export the list; whoever sees the event reads
/// how many came and the names of those who agreed to be shown.
struct AttendanceController {
    let workflow: EventWorkflow
    let registrations: RegistrationRepository
    let book: AttendanceBook
    let idempotency: IdempotencyMiddleware

    init(_ components: EventsComponents) {
        workflow = components.workflow
        registrations = components.registrations
        book = components.attendanceBook
        idempotency = components.idempotency
    }

    func register(on router: ServiceRouter) {
        let event = router.group("/api/v1/events/{id}")
        event.post("check-ins", use: checkIn)
        // A double tap at the door with one Idempotency-Key counts one person.
        event.group("walk-ins").add(middleware: idempotency).post(use: walkIn)
        event.put("registrations/{registrationId}/attendance", use: mark)
        event.group("attendance-sheet").add(middleware: BodyLimitMiddleware(limit: AttendanceLimits.maxSheetBytes)).post(use: sheet)
        event.get("attendees", use: attendees)
        event.get("registrations.csv", use: export)
    }

    // MARK: At the door

    /// Checks a person in; the answer's `alreadyCheckedIn` says whether this call did it or they already were.
    @Sendable func checkIn(_ request: Request, context: ServiceRequestContext) async throws -> RegistrationDocument {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: CheckInInput.self, context: context)
        let checkIn = try await book.checkIn(try input.proof(), at: caller.event, by: caller.principal.subject)
        var document = RegistrationDocument(checkIn.registration)
        document.alreadyCheckedIn = checkIn.alreadyCheckedIn
        return document
    }

    /// Counts in a person who came unregistered. The person's data is never kept for a replay (it is sealed
    /// at rest everywhere else): a replay answers without `participant`.
    @Sendable func walkIn(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let input = try await request.decodeJSON(as: NewRegistration.self, context: context)
        let participant = try input.participant(nameRequired: false)
        let registration = try await book.walkIn(
            participant, showAttendance: input.showAttendance ?? false, at: caller.event, by: caller.principal.subject)
        return try .json(RegistrationDocument(registration), status: .created).withSecretFields(["participant"])
    }

    // MARK: After the event

    /// Marks one registration; `If-Match` names the version marked, as every single change does.
    @Sendable func mark(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        guard let id = context.registrationID else { throw ServiceError.notFound("registration") }
        try request.requireIfMatch()
        let input = try await request.decodeJSON(as: AttendanceInput.self, context: context)
        let registration = try await book.mark(
            input.attendance, registrationID: id, at: caller.event, by: caller.principal.subject, ifMatch: request.checkIfMatch(currentETag:))
        return try RegistrationDocument.response(registration)
    }

    /// The paper sheet as CSV (`text/csv`): every line applied, or none.
    @Sendable func sheet(_ request: Request, context: ServiceRequestContext) async throws -> AttendanceBook.SheetResult {
        let caller = try await workflow.authorize(try context.requireRole(EventAccess.organizers), eventID: context.eventID)
        let essence = request.headers[.contentType]?.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
        guard essence == "text/csv" else { throw ServiceError.unsupportedMediaType(expected: "text/csv") }
        var request = request
        let data = Data(try await request.collectBody(context: context).readableBytesView)
        return try await book.apply(try AttendanceSheet(csv: data), at: caller.event, by: caller.principal.subject)
    }

    // MARK: Reading

    /// How many came, and the names of those who agreed to be shown: nothing about anyone else.
    @Sendable func attendees(_ request: Request, context: ServiceRequestContext) async throws -> AttendeesDocument {
        let event = try await workflow.load(context.eventID, for: try context.requireIdentity())
        let listed = try await registrations.attended(of: event.id, limit: AttendanceLimits.maxListedAttendees)
        return AttendeesDocument(
            attended: try await registrations.attendedCount(of: event.id),
            listed: listed.filter(\.showAttendance).compactMap { $0.participant.name.map(AttendeesDocument.Attendee.init) })
    }

    /// Registrations and attendance as CSV: with the people's data for those who run the event (unless they
    /// ask `?personalData=false`), without it for partners who see the event.
    @Sendable func export(_ request: Request, context: ServiceRequestContext) async throws -> Response {
        let principal = try context.requireRole(EventAccess.organizers.union(EventAccess.partners))
        let event = try await workflow.load(context.eventID, for: .principal(principal))
        let mayRun = EventAccess.mayRun(event.details, principal)
        let askedForPersonalData = try request.boolQuery("personalData") ?? true
        let withPersonalData = mayRun && askedForPersonalData
        let rows = try await registrations.all(of: event.id, limit: AttendanceLimits.maxExportRows)
        var headers = HTTPFields()
        headers[.contentType] = "text/csv; charset=utf-8; header=present"
        headers[.contentDisposition] = #"attachment; filename="registrations-\#(event.id.text).csv""#
        return Response(
            status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: RegistrationsCSV.text(rows, withPersonalData: withPersonalData))))
    }
}

/// `POST …/check-ins`: the code the person reads out, or the pass their QR code holds; exactly one.
struct CheckInInput: Decodable {
    let code: String?
    let pass: String?

    func proof() throws -> AttendanceBook.Proof {
        switch (code, pass) {
        case (let code?, nil):
            return .code(try RegistrationCodeInput(code: code).canonical())
        case (nil, let pass?):
            guard pass.utf8.count <= CheckInPasses.maxLength else {
                throw ServiceError.validationFailed(["pass": "must be at most \(CheckInPasses.maxLength) bytes"])
            }
            return .pass(pass)
        default:
            throw ServiceError.validationFailed(["code": "give the code or the pass, not both and not neither"])
        }
    }
}

extension AttendanceBook.SheetResult: ResponseEncodable {}

/// Who came, as the public may know it.
struct AttendeesDocument: Codable, Sendable, ResponseEncodable {
    /// Everyone who came, registered or not.
    var attended: Int
    /// Those who came and agreed to be shown.
    var listed: [Attendee]

    /// One person shown.
    struct Attendee: Codable, Sendable {
        var name: String
    }
}
