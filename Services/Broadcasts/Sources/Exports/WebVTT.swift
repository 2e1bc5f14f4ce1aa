import Foundation

/// Writes WebVTT (W3C WebVTT) chapter tracks: the `WEBVTT` header, numbered cues with `HH:MM:SS.mmm`
/// timings, cue text escaped. Only what replay chapters need.
enum WebVTT {
    /// One chapter: where it starts and ends in the recording, in seconds, and its title.
    struct Cue: Equatable {
        var start: Int
        var end: Int
        var title: String
    }

    /// The most characters of a chapter's title: a player's chapter menu shows a line, not a page.
    static let maxTitleCharacters = 200

    /// The track of `cues`, in the order given.
    static func document(_ cues: [Cue]) -> String {
        var text = "WEBVTT\n"
        for (index, cue) in cues.enumerated() {
            text += "\n\(index + 1)\n\(timestamp(cue.start)) --> \(timestamp(cue.end))\n\(escaped(cue.title))\n"
        }
        return text
    }

    /// `HH:MM:SS.000`.
    static func timestamp(_ seconds: Int) -> String {
        String(format: "%02d:%02d:%02d.000", seconds / 3_600, seconds / 60 % 60, seconds % 60)
    }

    /// A title as one line of cue text: line breaks and control characters as spaces (a blank line would end
    /// the cue), `&`, `<` and `>` as references (cue text is markup), `-->` impossible once `>` is escaped,
    /// at most ``maxTitleCharacters``.
    static func escaped(_ title: String) -> String {
        var line = ""
        for scalar in title.unicodeScalars {
            switch scalar {
            case "&": line += "&amp;"
            case "<": line += "&lt;"
            case ">": line += "&gt;"
            default: line.unicodeScalars.append(scalar.value < 0x20 || scalar.value == 0x7F ? " " : scalar)
            }
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.count > maxTitleCharacters else { return trimmed.isEmpty ? "…" : trimmed }
        return String(trimmed.prefix(maxTitleCharacters - 1)) + "…"
    }
}
