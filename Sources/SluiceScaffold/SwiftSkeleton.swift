/// The Swift plugin skeleton: a SwiftPM package whose `.dynamic` product is the plugin, with the
/// SluiceSDK and SluiceCBoundary sources and the C headers copied under `SluiceSDK/` (so it builds offline, with no
/// checkout of Sluice), the linker version script that exports only the entry symbol, and the
/// shared sample package and `test.sh`.
enum SwiftSkeleton {
    static func files(_ name: PluginSkeletonName) -> [PluginSkeleton.File] {
        let module = name.swiftName
        return [
            PluginSkeleton.File(path: "Package.swift", contents: manifest(module), executable: false),
            PluginSkeleton.File(path: "Sources/\(module)/\(module).swift", contents: source(name), executable: false),
            SkeletonTest.samplePackage(name),
            SkeletonTest.script(name, build: "swift build --product \(module)", pluginDirectory: ".build/debug"),
            SkeletonTest.readme(name, language: "Swift", build: "swift build --product \(module)", library: "lib\(module).so"),
        ]
            // The headers, and src/ as the one source file a C target needs (the SDK's layout assertions).
            + PluginSkeleton.sdkFiles({ $0.hasPrefix("include/") || $0.hasPrefix("src/") }, under: "SluiceSDK/CSluiceABI/")
            + PluginSkeleton.sdkFiles({ $0.hasPrefix("Swift/") || $0.hasPrefix("Boundary/") }, under: "SluiceSDK/")
            + PluginSkeleton.sdkFiles({ $0 == "sluice_plugin.map" }, under: "")
    }

    private static func manifest(_ module: String) -> String {
        """
        // swift-tools-version:6.0
        // The Sluice plugin \(module): `swift build --product \(module)` writes .build/debug/lib\(module).so.
        // SluiceSDK/ is a copy of the Sluice Swift SDK and C headers made by `sluice plugins new`.
        import PackageDescription

        let package = Package(
            name: "\(module)",
            products: [.library(name: "\(module)", type: .dynamic, targets: ["\(module)"])],
            targets: [
                .target(name: "CSluiceABI", path: "SluiceSDK/CSluiceABI", sources: ["src"], publicHeadersPath: "include"),
                .target(name: "SluiceCBoundary", dependencies: ["CSluiceABI"], path: "SluiceSDK/Boundary"),
                .target(name: "SluiceSDK", dependencies: ["CSluiceABI", "SluiceCBoundary"], path: "SluiceSDK/Swift"),
                .target(
                    name: "\(module)", dependencies: ["SluiceSDK"],
                    // Export sluice_plugin_entry only (without it every Swift symbol is exported).
                    linkerSettings: [.unsafeFlags(["-Xlinker", "--version-script=\\(Context.packageDirectory)/sluice_plugin.map"])]),
            ]
        )

        """
    }

    private static func source(_ name: PluginSkeletonName) -> String {
        let type = name.swiftName + "Task"
        return """
        // The Sluice plugin `\(name.id)`: one task with one property, `name`.
        import SluiceSDK

        /// Raises "Hello, <name>!" as an information event.
        final class \(type): PluginTask {
            static let id = "\(name.id)"
            static let displayName = "\(name.swiftName)"
            static let summary = "Raises \\"Hello, <name>!\\" as an information event."
            static let version = "0.1.0"
            static let properties = [PluginProperty(name: "name", type: .string, defaultValue: "world", description: "Who to greet.")]

            private var name = "world"

            init() {}

            func setProperty(_ property: String, _ value: PluginValue) throws {
                guard property == "name", case .string(let text) = value else {
                    throw PluginError(.invalidArgument, "property '\\(property)' cannot be set to \\(value)")
                }
                name = text
            }

            func validate(_ context: PluginContext) throws {
                guard !name.isEmpty else { throw PluginError(.invalidArgument, "name must not be empty") }
            }

            func execute(_ context: PluginContext) throws -> PluginValue? {
                context.fireInformation("Hello, \\(name)!")
                return nil
            }
        }

        private let plugin = PluginDefinition(
            name: "\(name.id)", version: "0.1.0", vendor: "", description: "\(name.id): a Sluice plugin.",
            components: [\(type).self])

        /// The one exported symbol: returns the descriptor built on the first call.
        @_cdecl("sluice_plugin_entry")
        public func sluicePluginEntry() -> UnsafeRawPointer? { plugin.descriptorPointer }

        """
    }
}
