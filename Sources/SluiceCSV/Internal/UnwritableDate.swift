import SluiceCore

/// A date or timestamp whose year is outside 0000-9999, which `YYYY-MM-DD` cannot show (turned
/// into `SLUICE_E_CSV_DATE_OUT_OF_RANGE` with the line and column by the writer). Clamping it
/// would silently write another date.
struct UnwritableDate: Error {
    /// Days since 1970-01-01 (a DT_DBDATE), or microseconds since 1970-01-01 00:00 (a timestamp).
    var stored: Int64
    var isTimestamp: Bool
    var row: Int
    var column: Int

    /// `12000-01-01` or `-0001-12-31 23:00:00`: the value as the proleptic Gregorian calendar has it.
    var described: String {
        let perDay: Int64 = 86_400_000_000
        var days = isTimestamp ? stored / perDay : stored
        var micros = isTimestamp ? stored % perDay : 0
        if micros < 0 {
            micros += perDay
            days -= 1
        }
        let (y, m, d) = FieldParsers.civilFromDays(Int(days))
        func pad(_ v: Int, _ width: Int) -> String {
            let digits = String(v.magnitude)
            return (v < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        let date = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
        guard isTimestamp else { return date }
        let seconds = Int(micros / 1_000_000)
        return date + " \(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
    }
}

extension CSVWriter {
    /// The coded error for `e`, found in a batch whose first row is data row `firstRow` (0-based).
    func outOfRange(_ e: UnwritableDate, firstRow: Int) -> SluiceError {
        let column = columns[e.column]
        return SluiceError(.csvDateOutOfRange, [
            "file": file, "line": String(firstRow + e.row + (options.hasHeaderRow ? 2 : 1)), "column": column.name,
            "type": column.dataType.rawValue, "value": e.described,
        ])
    }
}
