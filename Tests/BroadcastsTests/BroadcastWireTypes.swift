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

struct Asker: Decodable {
    let name: String?
    let phone: String?
    let email: String?
    let sex: String?
    let ageBand: String?
}

struct QuestionView: Decodable {
    struct Ref: Decodable, Equatable {
        let service: String
        let type: String
        let id: String
    }
    let id: String
    let episodeId: String
    let text: String
    let language: String
    let region: String?
    let topic: String?
    let state: String
    let mergeCount: Int
    let queuePosition: Int?
    let upvotes: Int
    let version: Int
    let originalText: String?
    let publicText: String?
    let rejectionReason: String?
    let mergedInto: String?
    let source: String?
    let partnerOrganizationId: String?
    let appeal: Ref?
    let deferredFromEpisodeId: String?
    let asker: Asker?
}

struct QuestionPage: Decodable {
    let items: [QuestionView]
}

struct QuestionReceiptView: Decodable {
    let question: QuestionView
    let receiptCode: String?
}
