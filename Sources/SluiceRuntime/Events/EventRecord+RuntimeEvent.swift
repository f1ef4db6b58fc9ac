import SluiceCore

extension EventRecord {
    /// The record of a run's event: the one line `--events-json` prints and the JSON-lines log
    /// provider writes for it. A plugin's own code goes to `pluginCode` and the Sluice message
    /// behind it to `code`.
    public init(_ e: RuntimeEvent) {
        let fromPlugin = PluginCodes.ownRange.contains(e.code)
        self.init(
            e.kind, time: e.time, executionID: e.executionID, source: e.source,
            code: fromPlugin ? e.messageCode : (e.code == 0 ? nil : e.code), pluginCode: fromPlugin ? e.code : nil,
            message: e.message, result: e.result, durationMicroseconds: e.duration.map(Self.microseconds),
            percent: e.percent, customEvent: e.customName, status: e.status, inHandler: e.inHandler)
    }

    /// Whole microseconds, never negative, held below a year of them times ten thousand (a
    /// `Duration` made in code may hold more than an `Int64` of microseconds).
    private static func microseconds(_ d: Duration) -> Int64 {
        let (seconds, attoseconds) = d.components
        guard seconds >= 0 else { return 0 }
        guard seconds < 315_576_000_000 else { return 315_576_000_000 * 1_000_000 }
        return seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    }
}
