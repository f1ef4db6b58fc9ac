import SluiceCatalogAPI
import SluiceCore

/// What the server checks of a project archive before it deploys it: that the server's
/// component registry has every component the packages use, and that each package validates.
/// The CLI gives one that loads the registry; tests give their own.
public protocol ProjectDeployCheck: Sendable {
    /// Throws a ``DeployRefusal`` (422) when the archive may not be deployed.
    func check(archive: [UInt8], project: String, folder: String) async throws
}

/// Accepts every archive the store itself accepts (the store still refuses a hostile archive
/// and a package that does not load).
public struct AcceptingDeployCheck: ProjectDeployCheck {
    public init() {}
    public func check(archive: [UInt8], project: String, folder: String) async throws {}
}

/// A refused deploy: its coded error, and the details problem+json carries (`missingComponents`,
/// or `errors`, each validation message coded).
public struct DeployRefusal: Error, Sendable {
    public var error: SluiceError
    public var missingComponents: [String]?
    public var items: [Components.Schemas.ProblemItem]?

    /// The registry lacks `components` (component ids, sorted, each once).
    public static func missing(_ components: [String], project: String) -> DeployRefusal {
        let unique = Array(Set(components)).sorted()
        let error = SluiceError(.catalogServerComponentsMissing, ["project": project, "components": unique.joined(separator: ", ")])
        return DeployRefusal(error: error, missingComponents: unique, items: nil)
    }

    /// The packages' validation messages.
    public static func invalid(_ errors: [SluiceError], package: String?, project: String, folder: String) -> DeployRefusal {
        let first = errors.first.map { $0.text } ?? "it does not validate"
        let error = SluiceError(
            .catalogDeployPackageInvalid, ["project": project, "folder": folder, "package": package ?? "", "reason": first])
        let items = errors.map {
            Components.Schemas.ProblemItem(code: Int($0.code), name: $0.name, message: $0.text, package: package)
        }
        return DeployRefusal(error: error, missingComponents: nil, items: items)
    }
}
