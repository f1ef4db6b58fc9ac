import Foundation
import SluiceArchive
import SluiceCatalogAPI
import SluiceCatalogServer
import SluiceCore
import SluiceRegistry
import SluiceRuntime

/// What `sluice serve` checks before a deploy: every package of the archive validates against
/// the server's own registry (built-in components and the plugins on its search path), as
/// `sluice validate PROJECT` would. A package naming a component the registry lacks refuses the
/// deploy listing the missing ids; any other validation error refuses it listing the messages.
///
/// The archive is read (with the same limits the store applies) and written to a private 0700
/// folder for the duration of the check, so packages that refer to their project's files (an
/// Execute Package by project reference) validate as they would run; the folder is removed after.
struct RegistryDeployCheck: ProjectDeployCheck {
    let registry: ComponentRegistry

    func check(archive: [UInt8], project: String, folder: String) async throws {
        // The store refuses a hostile archive with its own code; nothing to add here.
        guard let contents = try? ProjectArchive.read(archive) else { return }
        let extracted = try contents.extract()
        defer { extracted.remove() }
        var packages: [(name: String, path: String, package: Package)] = []
        var missing: Set<String> = []
        for name in extracted.scope.project.packageNames {
            let path = try extracted.scope.packagePath(named: name)
            let package = try PackageFile.load(from: path)
            packages.append((name, path, package))
            missing.formUnion(Self.componentIDs(of: package).filter { registry.entry(for: $0) == nil })
        }
        if !missing.isEmpty { throw DeployRefusal.missing(Array(missing), project: project) }
        let runner = PackageRunner(registry: registry)
        for (name, path, package) in packages {
            var options = RunOptions(packageFile: path)
            options.project = extracted.scope
            let result = runner.validate(package, options: options)
            guard result.result != .success else { continue }
            throw DeployRefusal.validationFailed(result.errors, package: name, project: project, folder: folder)
        }
    }

    /// Every component id the package names: its tasks' and its data flows' components, in its
    /// executables, containers and event handlers at any depth (walked with a stack, not recursion).
    static func componentIDs(of package: Package) -> Set<String> {
        var ids: Set<String> = []
        var pending: [Executable] = [package.root]
        while let executable = pending.popLast() {
            switch executable.kind {
            case .task(let component): ids.insert(component)
            case .dataFlow(let flow): ids.formUnion(flow.components.map(\.component))
            default: break
            }
            pending += executable.executables
            pending += executable.eventHandlers.map(\.container)
        }
        return ids
    }
}

extension DeployRefusal {
    /// A package's validation errors, each as a coded item of the problem document.
    static func validationFailed(_ events: [RuntimeEvent], package: String, project: String, folder: String) -> DeployRefusal {
        let first = events.first?.message ?? "it does not validate"
        var refusal = DeployRefusal.invalid([], package: package, project: project, folder: folder)
        refusal.error = SluiceError(.catalogDeployPackageInvalid, ["project": project, "folder": folder, "package": package, "reason": first])
        refusal.items = events.map { event in
            // An event without a code of its own is reported under the refusal's.
            let coded = event.code > 0 && event.codeName != nil
            return Components.Schemas.ProblemItem(
                code: Int(coded ? event.code : SluiceMessage.catalogDeployPackageInvalid.code),
                name: coded ? event.codeName ?? "" : SluiceMessage.catalogDeployPackageInvalid.name, message: event.message, package: package)
        }
        return refusal
    }
}
