/// What a signed-in person or partner system may do; see DESIGN.md §5.
///
/// The anonymous public has no role at all: it is the absence of an identity, not a role.
public enum Role: String, Codable, CaseIterable, Sendable, ClosedVocabulary {
    /// Runs the platform: users, organisations, keys, audit.
    case admin
    /// Project staff who run the programme day to day.
    case coordinator
    /// Fact-checks appeals before anything is published.
    case verifier
    /// The Ombudsman's office and lawyers who answer appeals.
    case legalExpert = "legal_expert"
    /// A member of a Public Council, scoped to their council.
    case councilMember = "council_member"
    /// A journalist, scoped to their media outlet.
    case journalist
    /// A partner CSO's system or staff, scoped to their CSO.
    case csoPartner = "cso_partner"
    /// National stakeholders: read-only dashboards and aggregates.
    case stakeholder
}
