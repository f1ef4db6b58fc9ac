import Foundation

/// Reads and writes dates the way package files and `--set` spell them: ISO 8601, UTC when no
/// offset is given (`2026-11-25`, `2026-11-25T10:00:00`, `2026-11-25T10:00:00.250Z`, `…+02:00`).
package enum DateText {
    package static func format(_ date: Date) -> String {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: date.timeIntervalSince1970.rounded() != date.timeIntervalSince1970)
        return date.formatted(style)
    }

    package static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let d = try? Date(trimmed, strategy: .iso8601) { return d }
        if let d = try? Date(trimmed, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return d }
        // Without an offset: treat as UTC.
        if let d = try? Date(trimmed + "Z", strategy: .iso8601) { return d }
        if let d = try? Date(trimmed + "Z", strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) {
            return d
        }
        let dateOnly = Date.ISO8601FormatStyle().year().month().day()
        // This style reads a date at the start of any text ("2026-11-25 10:00" would be midnight),
        // so only a bare YYYY-MM-DD may use it.
        if trimmed.count == 10, let d = try? Date(trimmed, strategy: dateOnly) { return d }
        return nil
    }
}
