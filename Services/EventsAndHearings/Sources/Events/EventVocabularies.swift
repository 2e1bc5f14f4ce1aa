import Models

// The closed vocabularies of an event besides its status (``EventStatus``).

/// What kind of gathering an event is.
enum EventType: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case publicPlatform = "public_platform"
    case hearing
    case forum
    case roundTable = "round_table"
    case conference
    case publicMeeting = "public_meeting"
}

/// Where people take part: in a room, online, or both.
enum EventFormat: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case inPerson = "in_person"
    case online
    case hybrid

    /// Whether people come to a venue, which then needs a region.
    var hasVenue: Bool { self != .online }
    /// Whether people join over the internet, which then needs a link.
    var hasOnlineLink: Bool { self != .inPerson }
}

/// Who may read a published event (staff and its organisers always may).
enum EventVisibility: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Everyone, the anonymous public included.
    case `public`
    /// The programme's partners: CSOs, Public Councils, the Ombudsman's office.
    case partners
    /// Project staff and the event's organisers only.
    case `internal`
}

/// A language an event is held in or interpreted into.
enum EventLanguage: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    case ky, ru, en
    /// Kyrgyz sign language.
    case sign
}
