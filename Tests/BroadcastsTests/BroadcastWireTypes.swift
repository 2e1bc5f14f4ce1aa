import Foundation

// The service's answers as tests read them: only the fields they check.

struct ShowView: Decodable {
    let id: String
    let format: String
    let regularSlot: String?
    let signLanguage: Bool
    let version: Int
}

struct EpisodeView: Decodable {
    let id: String
    let status: String
    let startsAt: Date
    let endsAt: Date
    let producer: String?
    let cancellationReason: String?
    let version: Int
}

struct EpisodePage: Decodable {
    let items: [EpisodeView]
}

struct EpisodeHistory: Decodable {
    struct Entry: Decodable {
        let action: String
        let from: String?
        let to: String?
        let note: String?
    }
    let entries: [Entry]
}

struct GuestView: Decodable {
    let id: String
    let name: String
    let status: String
    let consentToRecording: Bool
    let expertise: [String]
}

struct GuestListView: Decodable {
    let guests: [GuestView]
}
