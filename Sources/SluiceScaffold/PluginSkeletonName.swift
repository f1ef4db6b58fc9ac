import SluiceCore
import SluicePluginHost

/// The name given to `sluice plugins new`: a namespaced id (`acme.greeter`), checked by the
/// host's own rule, and the names derived from it for files, C symbols and the Swift module.
public struct PluginSkeletonName: Sendable, Hashable {
    /// The library name and the task's id: `acme.greeter`.
    public let id: String

    /// - Throws: `SLUICE_E_PLUGIN_NAME_INVALID` unless `text` is lower-case dot-separated
    ///   segments (letters, digits, `-`, `_`; each starting with a letter), at least two.
    public init(_ text: String) throws {
        guard DescriptorChecker.isNamespacedID(text) else {
            throw SluiceError(.pluginNameInvalid, [
                "name": text,
                "reason": "use lower-case dot-separated segments of letters, digits, - and _, each starting with a letter, "
                    + "at least two (e.g. acme.greeter)",
            ])
        }
        id = text
    }

    /// A C identifier and file stem: `acme.greeter-2` → `acme_greeter_2`.
    var cName: String {
        String(id.map { $0 == "." || $0 == "-" ? "_" : $0 })
    }

    /// A Swift module and product name: `acme.greeter-2` → `AcmeGreeter2`.
    var swiftName: String {
        id.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" })
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }
            .joined()
    }
}
