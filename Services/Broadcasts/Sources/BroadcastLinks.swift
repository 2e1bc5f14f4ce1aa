import Foundation

/// The links broadcasts keep (streams, replays): absolute web links, nothing a player could be tricked with.
enum BroadcastLinks {
    /// The URL schemes a link may use.
    static let schemes: Set<String> = ["https", "http"]

    /// An absolute `https://` or `http://` URL with a host and no white space.
    static func isWebLink(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty else { return false }
        return schemes.contains(scheme) && !text.contains(where: \.isWhitespace)
    }
}

extension String {
    /// `nil` for a text of white space only, which a field treats as absent.
    var nilIfBlank: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}
