/// The DataReader destinations of a package (`sluice.dataReaderDestination`): where each is and
/// the output name its `name` property gives it. An output name is unique in a package, so a
/// caller can ask for an output by name alone.
///
/// ```swift
/// let outputs = DataReaderDestinations.find(in: package)   // [("Orders", "\\Package\\Load\\Send")]
/// ```
public enum DataReaderDestinations {
    /// The class id of the DataReader destination.
    public static let componentID = "sluice.dataReaderDestination"

    public struct Location: Sendable, Hashable {
        /// The output name (the `name` property).
        public let name: String
        /// The data flow's path and the component: `\Package\Load\Send`.
        public let path: String
    }

    /// Every DataReader destination with a string `name`, in package order (control flow,
    /// then event handlers), found with an explicit stack: nesting depth does not recurse. A
    /// path is made only for a destination found (most packages have none): each executable
    /// keeps its name and its parent's index.
    public static func find(in package: Package) -> [Location] {
        var found: [Location] = []
        var nodes: [(name: String, parent: Int)] = [("\\" + package.name, -1)]
        var stack: [(executable: Executable, node: Int)] = [(package.root, 0)]
        while let top = stack.popLast() {
            let (e, node) = top
            if let flow = e.dataFlow {
                for c in flow.components where c.component == componentID {
                    guard let name = c.properties["name"]?.stringValue else { continue }
                    found.append(Location(name: name, path: path(of: node, nodes) + "\\" + c.name))
                }
            }
            // Pushed in reverse so they pop in order.
            for h in e.eventHandlers.reversed() {
                nodes.append((".EventHandlers[\(h.event.rawValue)]", node))
                stack.append((h.container, nodes.count - 1))
            }
            for child in e.executables.reversed() {
                nodes.append(("\\" + child.name, node))
                stack.append((child, nodes.count - 1))
            }
        }
        return found
    }

    private static func path(of node: Int, _ nodes: [(name: String, parent: Int)]) -> String {
        var parts: [String] = []
        var k = node
        while k >= 0 {
            parts.append(nodes[k].name)
            k = nodes[k].parent
        }
        return parts.reversed().joined()
    }

    /// A `SLUICE_E_DATAREADER_NAME_DUPLICATE` for each output name given twice.
    public static func problems(in package: Package) -> [SluiceError] {
        var first: [String: String] = [:]
        var problems: [SluiceError] = []
        for location in find(in: package) {
            if let earlier = first[location.name] {
                problems.append(SluiceError(.dataReaderNameDuplicate, ["name": location.name, "first": earlier, "second": location.path]))
            } else {
                first[location.name] = location.path
            }
        }
        return problems
    }

    /// Checks that the package has a destination for each name in `names`.
    /// - Throws: `SLUICE_E_DATAREADER_OUTPUT_UNKNOWN` naming the first missing one.
    public static func requireOutputs(_ names: [String], in package: Package) throws {
        let known = Set(find(in: package).map(\.name))
        for name in names where !known.contains(name) {
            let list = known.isEmpty ? "none" : known.sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            throw SluiceError(.dataReaderOutputUnknown, ["name": name, "known": list])
        }
    }
}
