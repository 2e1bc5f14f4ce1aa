import Models

// The closed vocabularies of an appeal besides its status (``AppealStatus``).

/// Why an appeal was rejected.
enum RejectionReason: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case unfounded
    case duplicate
    case outOfScope = "out_of_scope"
    case withdrawn
}

/// How an appeal reached the programme.
enum Channel: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case web, facebook, instagram, telegram, whatsapp, hotline, broadcast, event, email
    case inPerson = "in_person"
    case partner
}

/// How a response was given.
enum ResponseChannel: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case written, broadcast, hearing
}
