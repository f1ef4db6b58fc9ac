import Foundation
import Synchronization

/// The texts of a run's sensitive values, and the one redactor that every message leaving the
/// run passes (events, log entries, error messages, `--show-variables`).
///
/// ```swift
/// let secrets = SensitiveTexts()
/// secrets.add(.string("Sekr3t-Value-42"))
/// secrets.redact("login failed for Sekr3t-Value-42")   // "login failed for ********"
/// ```
/// The run adds the value of every sensitive parameter before anything executes, and each
/// value computed from one (a variable a sensitive expression sets) as it is computed. A value
/// is kept as written and in upper and lower case, the derivations a package most often makes
/// of a secret that a plain match would miss.
///
/// Texts shorter than ``minimumLength`` characters are not matched: a one- to three-character
/// text occurs by chance in most messages, so replacing it everywhere would garble every event
/// and, worse, show by the pattern of masks what the secret is. Such values are still masked
/// where the run knows it shows a sensitive value (taint: variables, events it builds itself).
///
/// At most ``capacity`` texts are kept: a loop deriving a new secret text per iteration must
/// not make every later event slower and slower. The value of each sensitive parameter is
/// always among them (they are added first).
public final class SensitiveTexts: Sendable {
    /// What replaces a sensitive text.
    public static let mask = "********"
    /// The shortest text the redactor replaces (see above for why).
    public static let minimumLength = 4
    /// The most texts kept.
    public static let capacity = 1024

    /// Longest first, so that a text containing another is replaced whole.
    private let texts = Mutex<[String]>([])

    public init() {}

    /// Adds the text of `value` (nothing for NULL and objects, whose text is not the value).
    public func add(_ value: Value) {
        switch value {
        case .null, .object: return
        default: add(value.description)
        }
    }

    /// Adds `text`, and its upper- and lower-case forms.
    public func add(_ text: String) {
        guard text.count >= Self.minimumLength else { return }
        texts.withLock { list in
            var added = false
            for variant in [text, text.uppercased(), text.lowercased()] where list.count < Self.capacity && !list.contains(variant) {
                list.append(variant)
                added = true
            }
            if added { list.sort { $0.utf8.count > $1.utf8.count } }
        }
    }

    /// Every text kept, longest first: what a child `sluice` process must mask too.
    public var all: [String] { texts.withLock { $0 } }

    /// True when no text is known: redacting returns every message unchanged.
    public var isEmpty: Bool { texts.withLock { $0.isEmpty } }

    /// True when `value` is text holding a known sensitive text (a program's output that
    /// printed a secret, a path made from one): whoever stores it treats it as sensitive.
    public func occurs(in value: Value) -> Bool {
        guard case .string(let text) = value, !text.isEmpty else { return false }
        let list = texts.withLock { $0 }
        return list.contains { text.contains($0) }
    }

    /// `message` with every known sensitive text replaced by ``mask``.
    public func redact(_ message: String) -> String {
        let list = texts.withLock { $0 }
        guard !list.isEmpty, !message.isEmpty else { return message }
        var out = message
        for text in list where out.contains(text) {
            out = out.replacingOccurrences(of: text, with: Self.mask)
        }
        return out
    }
}
