import Foundation
import Models
import ServiceKit

// The bodies of the question routes, each validating itself before the workflow runs.

/// `POST /api/v1/broadcasts/questions` (the episode named in the body) or `POST …/episodes/{id}/questions`:
/// a question, with whatever the asker chose to say about themselves. Each disaggregation field is kept only
/// with its own consent flag set; sent without it, it is refused.
struct NewQuestion: Decodable {
    let episodeId: UUID?
    let text: String
    let language: Language?
    let region: Region?
    let topic: RightsTopic?
    let name: String?
    let phone: String?
    let email: String?
    let sex: Sex?
    let ageBand: AgeBand?
    let consent: Consent?

    /// The asker's consent to each disaggregation field being kept and counted.
    struct Consent: Decodable {
        let sex: Bool?
        let ageBand: Bool?
    }

    /// The text and the asker, validated.
    func validated() throws -> (text: String, asker: Asker) {
        var errors = FieldErrors()
        errors.require(text.nilIfBlank != nil, field: "text", "is required")
        errors.check(text, BroadcastLimits.questionText, field: "text")
        errors.check(name, BroadcastLimits.askerName, field: "name")
        if let phone {
            errors.require(
                BroadcastLimits.askerPhone.problem(with: phone) == nil && phone.allSatisfy(BroadcastLimits.phoneCharacters.contains),
                field: "phone", "must be a phone number of at most \(BroadcastLimits.askerPhone.maxBytes) digits, spaces and +()-")
        }
        if let email {
            let parts = email.split(separator: "@", omittingEmptySubsequences: false)
            errors.require(
                BroadcastLimits.askerEmail.problem(with: email) == nil && parts.count == 2 && parts.allSatisfy { !$0.isEmpty },
                field: "email", "must be an email address of at most \(BroadcastLimits.askerEmail.maxBytes) bytes")
        }
        for (field, given, consent) in [("sex", sex != nil, consent?.sex), ("ageBand", ageBand != nil, consent?.ageBand)] {
            errors.require(!given || consent == true, field: field, "is kept only with consent.\(field) set to true")
        }
        try errors.throwIfAny()
        return (text, Asker(name: name?.nilIfBlank, phone: phone?.nilIfBlank, email: email?.nilIfBlank, sex: sex, ageBand: ageBand))
    }
}

/// `POST /api/v1/broadcasts/questions/lookup`: the code from the receipt.
struct ReceiptCodeInput: Decodable {
    let code: String

    /// The code in canonical form; a text that cannot be one is 422 (not 404, so a typo is told apart).
    func canonical() throws -> String {
        var errors = FieldErrors()
        errors.check(code, BroadcastLimits.typedReceiptCode, field: "code")
        try errors.throwIfAny()
        guard let canonical = ReadableCode.normalize(code, length: BroadcastLimits.receiptCodeLength) else {
            let length = BroadcastLimits.receiptCodeLength
            throw ServiceError.validationFailed(["code": "must be the \(length)-character code of the receipt, such as ABCD-EFGH-JK"])
        }
        return canonical
    }
}

/// `POST /api/v1/broadcasts/questions/upvotes`: the question the public upvotes.
struct UpvoteInput: Decodable {
    let questionId: UUID
}

/// `POST …/episodes/{id}/questions/import`: the appeal staff put to the episode, quoted in `language`.
struct AppealImport: Decodable {
    let appealId: UUID
    let language: Language?
}

/// `POST …/questions/{questionId}/transitions`: a moderator's move.
struct QuestionMove: Decodable {
    let to: QuestionState
    /// Why it was rejected: required for `rejected`.
    let reason: String?
    /// The question it is the same as: required for `merged`.
    let mergeInto: UUID?
    let note: String?

    func validate() throws {
        var errors = FieldErrors()
        if to == .rejected { errors.check(reason ?? "", BroadcastLimits.rejectionReason, field: "reason") }
        errors.require(to != .merged || mergeInto != nil, field: "mergeInto", "is required to merge: the question this one repeats")
        errors.check(note, BroadcastLimits.note, field: "note")
        try errors.throwIfAny()
    }
}

/// `PATCH …/questions/{questionId}`: the moderator's public text (an empty text shows the original again)
/// and queue position.
struct QuestionPatch: Decodable {
    let publicText: String?
    let queuePosition: Int?

    /// `question` with this patch applied and the names of the fields it changed.
    func applied(to question: Question) throws -> (Question, [String]) {
        var errors = FieldErrors()
        if let publicText, !publicText.isEmpty { errors.check(publicText, BroadcastLimits.questionText, field: "publicText") }
        errors.checkRange(queuePosition, in: BroadcastLimits.queuePosition, field: "queuePosition")
        try errors.throwIfAny()
        var patched = question
        var changed: [String] = []
        if let publicText {
            patched.publicText = publicText.nilIfBlank
            changed.append("publicText")
        }
        if let queuePosition {
            patched.queuePosition = queuePosition
            changed.append("queuePosition")
        }
        return (patched, changed)
    }
}
