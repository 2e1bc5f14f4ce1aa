import Hummingbird

/// The full case file: history, fact-checks, referrals and responses.
struct CaseHistory: ResponseEncodable {
    var entries: [HistoryRepository.Entry]
    var verifications: [CaseRecordRepository.Verification]
    var referrals: [CaseRecordRepository.Referral]
    var responses: [CaseRecordRepository.Response]

    /// Nothing: what a council sees of a sensitive appeal, whose case file would give the dates and bodies
    /// its document withholds.
    static let empty = CaseHistory(entries: [], verifications: [], referrals: [], responses: [])

    /// The case file for those who may not see personal data (council members): staff wrote its free
    /// texts (notes, evidence, sources, replies) about a person, so only what was published remains.
    func withoutFreeText() -> CaseHistory {
        var redacted = self
        redacted.entries = entries.map { entry in
            var entry = entry
            if !entry.isPublic { entry.note = nil }
            return entry
        }
        redacted.verifications = verifications.map { verification in
            var verification = verification
            verification.sourcesChecked = []
            verification.evidenceNotes = ""
            return verification
        }
        redacted.referrals = referrals.map { referral in
            var referral = referral
            referral.reply = nil
            return referral
        }
        redacted.responses = responses.filter(\.isPublic)
        return redacted
    }
}
