/// The catalogue keys the public broadcast pages name in code rather than in templates, for the test that every
/// catalogue has them: a Kyrgyz or Russian page never shows a key or the API's English.
enum PublicBroadcastTexts {
    static var catalogueKeys: Set<String> {
        var keys = QuestionForm.catalogueKeys
        keys.formUnion(QuestionState.allCases.map(\.publicTextKey))
        keys.formUnion(AdviceType.allCases.map(\.publicTextKey))
        keys.formUnion(PublicBroadcastsWire.GuestRole.allCases.map(\.textKey))
        keys.formUnion(UpvoteNotice.allCases.map(\.textKey))
        keys.formUnion(PublicBroadcastsController.askProblemKeys.values)
        keys.formUnion([
            "broadcasts_public_ask_problems", "broadcasts_public_ask_throttled", "broadcasts_public_ask_not_sent", "broadcasts_public_lookup_missing",
            "broadcasts_public_lookup_unknown", "broadcasts_public_lookup_throttled", "broadcasts_public_lookup_malformed",
            "broadcasts_public_receipt_title", "broadcasts_public_status_title", "broadcasts_public_lookup_title", "broadcasts_public_replay_title",
        ])
        return keys
    }
}
