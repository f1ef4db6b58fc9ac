import Foundation
import SluiceTestSupport
import Testing

/// Dependencies point one way: the registry and the runtime are pure Swift and never see the C
/// ABI or the plugin host (Package.swift makes it so; this keeps it so when someone adds an
/// import and a dependency back).
@Suite struct ModuleLayeringTests {
    private static let cSide = ["CSluiceABI", "SluiceCBoundary", "SluicePluginHost", "SluiceSDK"]

    private func imports(of module: String) throws -> [String: [String]] {
        let root = BuildProducts.repositoryRoot.appendingPathComponent("Sources/\(module)")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(!files.isEmpty, "no sources under \(root.path)")
        var found: [String: [String]] = [:]
        for file in files {
            let text = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            found[file] = text.split(separator: "\n").compactMap { line in
                let words = line.split(separator: " ")
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count else { return nil }
                return String(words[i + 1])
            }
        }
        return found
    }

    @Test(arguments: ["SluiceRegistry", "SluiceRuntime", "SluiceDataFlow"])
    func aPureSwiftModuleImportsNothingOfTheCSide(module: String) throws {
        for (file, modules) in try imports(of: module) {
            #expect(Set(modules).isDisjoint(with: Self.cSide), "\(module)/\(file) imports \(modules)")
        }
    }
}
