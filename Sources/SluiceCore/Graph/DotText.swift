/// Text as Graphviz DOT reads it: a double-quoted string whose every character is drawn as
/// written, whatever a package names its executables.
///
/// ```swift
/// DotText.quoted("Load \"A\"\\B\nnext")   // "Load \"A\"\\B\nnext" — one label, two lines
/// ```
/// Inside quotes DOT only knows `\"`, but labels also read `\n`, `\l`, `\N`, `\G`… (escString),
/// so a backslash is doubled. A line break becomes `\n`. Other control characters would be
/// dropped by Graphviz or make its SVG invalid XML, so they are drawn as their Unicode control
/// pictures (U+2400…). Everything else, non-ASCII included, passes through as UTF-8.
public enum DotText {
    /// `text` in double quotes, escaped for a DOT label or id.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        appendEscaped(text, to: &out)
        out.append("\"")
        return out
    }

    /// Appends `text` escaped for use between double quotes, without the quotes.
    public static func appendEscaped(_ text: String, to out: inout String) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r":
                // A Windows line break (\r\n) is one break; a lone \r is drawn as a picture.
                out.unicodeScalars.append("\u{240D}")
            default:
                out.unicodeScalars.append(visible(scalar))
            }
        }
    }

    private static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0..<0x20: Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}"
        case 0x7F: "\u{2421}"
        // C1 controls and the line / paragraph separators: Graphviz and XML readers treat them
        // as breaks or refuse them.
        case 0x80..<0xA0, 0x2028, 0x2029: "\u{FFFD}"
        default: scalar
        }
    }
}
