import Foundation
import Models

/// An appeal as a public council member sees it: an allow-list, so a field added to the appeal later
/// stays hidden from councils until someone decides they may see it.
///
/// Councils follow whether their region's appeals are handled in time. They never see the description,
/// the submitter, the locality, sex, age group, vulnerable groups, the staff summary or who works on it.
/// For an appeal marked sensitive they see less still: only that it exists, its status, region, deadline
/// and whether it is overdue. Its category, channel and milestone dates are withheld (in a small region
/// "a gender-based-violence appeal by hotline, verified on Tuesday" can name the person), and so are its
/// public texts, which would tie the public copy to this appeal. The ID is a UUIDv7 and so still tells
/// when the appeal arrived; `receivedAt` is left out all the same, so the document claims nothing it
/// does not mean to give.
struct CouncilAppealDocument: Encodable, Sendable {
    var id: UUID
    var status: AppealStatus
    var regionCode: Region
    var categoryCode: String?
    var channel: Channel?
    var receivedAt: Date?
    var verifiedAt: Date?
    var answeredAt: Date?
    var closedAt: Date?
    var responseDueAt: Date
    var isOverdue: Bool
    /// The title and summary of the public copy, if one is published.
    var publicTitle: LocalizedText?
    var publicSummary: LocalizedText?

    init(_ appeal: Appeal, publicTexts: (title: LocalizedText, summary: LocalizedText)?, now: Date = Date()) {
        id = appeal.id
        status = appeal.status
        regionCode = appeal.regionCode
        responseDueAt = appeal.responseDueAt
        isOverdue = appeal.isOverdue(at: now)
        guard !appeal.isSensitive else { return }
        categoryCode = appeal.categoryCode
        channel = appeal.channel
        receivedAt = appeal.receivedAt
        verifiedAt = appeal.verifiedAt
        answeredAt = appeal.answeredAt
        closedAt = appeal.closedAt
        publicTitle = publicTexts?.title
        publicSummary = publicTexts?.summary
    }
}
