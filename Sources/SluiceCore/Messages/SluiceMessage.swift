/// One entry of the Sluice message reference: a stable numeric code, a symbolic name, a severity
/// and a template with named inserts.
///
/// ```swift
/// let error = SluiceError(.packageNotFound, ["path": "/tmp/x.json"])
/// print(error)   // SLUICE_E_PACKAGE_NOT_FOUND (10001): Package file "/tmp/x.json" was not found.
/// ```
///
/// Every message lives in ``MessageCatalog``; `docs/errors.md` is generated from it.
public struct SluiceMessage: Sendable, Hashable {
    public enum Severity: String, Sendable, CaseIterable {
        case error, warning, information

        /// The symbolic-name prefix for the severity (`SLUICE_E_`, `SLUICE_W_`, `SLUICE_I_`).
        public var namePrefix: String {
            switch self {
            case .error: "SLUICE_E_"
            case .warning: "SLUICE_W_"
            case .information: "SLUICE_I_"
            }
        }
    }

    /// The stable numeric code. Never reused, never renumbered.
    public let code: Int32
    /// The stable symbolic name, e.g. `SLUICE_E_PACKAGE_NOT_FOUND`.
    public let name: String
    public let severity: Severity
    /// The message text with `{insert}` placeholders.
    public let template: String

    package init(_ code: Int32, _ name: String, _ template: String) {
        self.code = code
        self.name = name
        self.template = template
        self.severity = Severity.allCases.first { name.hasPrefix($0.namePrefix) } ?? .error
    }

    /// The insert names the template uses, in order of first appearance.
    public var insertNames: [String] {
        var names: [String] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !names.contains(name) { names.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// Fills the template. Inserts without a value stay visible as `{name}` rather than vanish.
    /// Inserted values are never scanned for placeholders themselves.
    public func render(_ inserts: [String: String]) -> String {
        var text = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            text += rest[..<open]
            text += inserts[String(rest[rest.index(after: open)..<close])] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return text + rest
    }
}
