/// A catalog object addressed by name, as SSISDB addresses them: `Finance`,
/// `Finance/Warehouse`, `Finance/Warehouse/Load`, or an environment of a folder.
public enum CatalogObjectPath: Sendable, Equatable, CustomStringConvertible {
    case folder(String)
    case project(folder: String, project: String)
    case package(folder: String, project: String, package: String)
    case environment(folder: String, environment: String)

    public var description: String {
        switch self {
        case .folder(let folder): return folder
        case .project(let folder, let project): return "\(folder)/\(project)"
        case .package(let folder, let project, let package): return "\(folder)/\(project)/\(package)"
        case .environment(let folder, let environment): return "\(folder) environment \(environment)"
        }
    }
}
