/// A package drawn as a Graphviz DOT graph: containers as clusters, tasks as boxes, precedence
/// constraints as edges coloured by their value, event handlers as dashed clusters, and each
/// Data Flow task as a cluster of its components joined by their paths.
///
/// ```swift
/// let dot = PackageGraph.dot(package)                              // `dot -Tsvg` draws it
/// let after = PackageGraph.dot(package, overlay: GraphOverlay(events: records))
/// ```
/// The walk is iterative and visits each executable, constraint, component and path once, so
/// a package of any size or depth is drawn in linear time; the same package always gives the
/// same text. Node ids are numbers given in walk order; names only ever appear in labels.
public enum PackageGraph {
    public static func dot(_ package: Package, overlay: GraphOverlay = GraphOverlay()) -> String {
        var writer = DotWriter(overlay: overlay)
        writer.draw(package)
        return writer.finish()
    }
}
