/// One figure of `GET /internal/indicators`: an indicator's value for one month and region, either in
/// total (no dimension set) or for one value of one disaggregation (DESIGN.md §8).
///
/// Figures are exact; the gateway suppresses small cells before anything reaches the public.
public struct IndicatorFigure: Codable, Hashable, Sendable {
    /// `<service>.<what>`, such as `appeals.published`.
    public var indicator: String
    /// The month, `YYYY-MM` (Asia/Bishkek).
    public var period: String
    /// ISO 3166-2:KG region code.
    public var regionCode: String
    /// The disaggregation this figure is for; empty for the total.
    public var dimensions: IndicatorDimensions
    /// A count, or a measure such as median days.
    public var value: Double

    /// A figure.
    public init(indicator: String, period: String, regionCode: String, dimensions: IndicatorDimensions = .init(), value: Double) {
        self.indicator = indicator
        self.period = period
        self.regionCode = regionCode
        self.dimensions = dimensions
        self.value = value
    }
}

/// The disaggregation of a figure: the platform's codes, plus a service's own breakdowns (appeals'
/// category and channel). Codes a person did not give are counted as ``unknown``.
public struct IndicatorDimensions: Codable, Hashable, Sendable {
    /// A ``Sex`` code, or ``unknown``.
    public var sex: String?
    /// An ``AgeBand`` code, or ``unknown``.
    public var ageBand: String?
    /// A ``VulnerableGroup`` code.
    public var vulnerableGroup: String?
    /// A ``StakeholderType`` code.
    public var stakeholderType: String?
    /// A ``RightsTopic`` code (an appeal's category).
    public var category: String?
    /// How the record reached the service (an appeal's channel).
    public var channel: String?

    /// The value of a dimension a person did not state.
    public static let unknown = "unknown"

    /// Dimensions; none for a total.
    public init(
        sex: String? = nil, ageBand: String? = nil, vulnerableGroup: String? = nil, stakeholderType: String? = nil,
        category: String? = nil, channel: String? = nil
    ) {
        self.sex = sex
        self.ageBand = ageBand
        self.vulnerableGroup = vulnerableGroup
        self.stakeholderType = stakeholderType
        self.category = category
        self.channel = channel
    }
}

/// The body of `GET /internal/indicators`.
public struct IndicatorFigures: Codable, Sendable {
    /// Every non-zero figure of the period.
    public var items: [IndicatorFigure]

    /// A body.
    public init(items: [IndicatorFigure]) {
        self.items = items
    }
}
