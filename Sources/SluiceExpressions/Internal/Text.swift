import Foundation
import SluiceCore

/// How values read as text when cast to a string type, as SSIS writes them: integers plainly,
/// reals without a trailing `.0`, decimals with their scale, booleans `True` / `False`, dates
/// `YYYY-MM-DD hh:mm:ss`, GUIDs `{…}` in upper case, bytes as hexadecimal.
enum Text {
    static func format(_ v: Value, as type: ExpressionType) -> String {
        switch v {
        case .null: return ""
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .uint(let u): return String(u)
        case .real(let d):
            if type.dataType == .r4 {
                // Shortest text of the DT_R4 value: (DT_R4)0.1 reads "0.1", not its Double expansion.
                let f = Float(d)
                return formatReal(Double(f), digits: 7) { Float($0) == f }
            }
            return formatReal(d, digits: 15)
        case .decimal(let d):
            guard let scale = type.scale, scale > 0 else { return "\(d)" }
            var text = "\(Casts.round(d, scale: scale))"
            let fraction = text.split(separator: ".").dropFirst().first?.count ?? 0
            if fraction == 0 { text += "." }
            return text + String(repeating: "0", count: max(scale - fraction, 0))
        case .string(let s): return s
        case .date(let d):
            return DateTime.format(
                d, dateOnly: type.dataType == .dbDate, timeOnly: type.dataType == .dbTime || type.dataType == .dbTime2,
                fractionDigits: fractionDigits(type))
        case .dateTimeOffset(let o):
            // SSIS's text of a DT_DBTIMESTAMPOFFSET: the local time, a space, the offset.
            let magnitude = o.offsetSeconds.magnitude
            let offset = String(format: "%@%02d:%02d", o.offsetSeconds < 0 ? "-" : "+", Int(magnitude / 3600), Int(magnitude / 60 % 60))
            return DateTime.format(o.wallClock, fractionDigits: fractionDigits(type)) + " " + offset
        case .guid(let g): return "{\(g.uuidString)}"
        case .bytes(let b): return b.map { String(format: "%02X", $0) }.joined()
        case .object(let o): return o.description
        }
    }

    /// Fraction digits a date type always writes: the scale of DT_DBTIME2, DT_DBTIMESTAMP2 and
    /// DT_DBTIMESTAMPOFFSET (7 unless the type says), milliseconds for DT_FILETIME; nil for the
    /// others, which write milliseconds only when there are any.
    static func fractionDigits(_ type: ExpressionType) -> Int? {
        switch type.dataType {
        case .dbTime2, .dbTimestamp2, .dbTimestampOffset: type.scale ?? 7
        case .fileTime: 3
        default: nil
        }
    }

    /// Characters of a value an error message shows.
    static let shownLength = 200

    /// `s`, or its first ``shownLength`` characters and how many there are: a message quoting a
    /// value stays readable (and small) whatever the value.
    static func abbreviated(_ s: String) -> String {
        guard s.utf8.count > shownLength, s.unicodeScalars.count > shownLength else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.prefix(shownLength))) + "… (\(s.unicodeScalars.count) characters)"
    }

    /// Shortest text that reads back as the same number, without a trailing `.0`.
    static func formatReal(_ d: Double, digits: Int, readsBack: ((String) -> Bool)? = nil) -> String {
        if d.rounded() == d && abs(d) < 1e15 { return String(Int64(d)) }
        let text = String(format: "%.\(digits)g", d)
        if let readsBack { return readsBack(text) ? text : "\(Float(d))" }
        return Double(text) == d ? text : "\(d)"
    }
}
