import Foundation

/// A `DT_DBTIMESTAMPOFFSET` value written with an offset: the instant, and the offset from UTC
/// it was written in, so that `2026-11-25T10:00:00+05:30` is saved as it was read.
///
/// ```swift
/// let v = try Value.parse("2026-11-25T10:00:00+05:30", as: .dbTimestampOffset)
/// // .dateTimeOffset(DateTimeOffset(instant: 04:30 UTC, offsetSeconds: 19_800))
/// ```
/// A `DT_DBTIMESTAMPOFFSET` written in UTC (`Z`, or no offset) is held as a plain `.date`.
public struct DateTimeOffset: Sendable, Hashable, CustomStringConvertible {
    /// The moment, in UTC.
    public var instant: Date
    /// Seconds east of UTC (-14:00 to +14:00 in a package file).
    public var offsetSeconds: Int

    public init(instant: Date, offsetSeconds: Int) {
        self.instant = instant
        self.offsetSeconds = offsetSeconds
    }

    /// The local time at the offset, held as Sluice holds every wall-clock time: as if in UTC.
    /// What the expression language reads (DATEPART, casts to other date types).
    public var wallClock: Date { instant.addingTimeInterval(TimeInterval(offsetSeconds)) }

    /// `2026-11-25T10:00:00+05:30`.
    public var description: String { DateText.valueText(instant, offsetSeconds: offsetSeconds) }
}
