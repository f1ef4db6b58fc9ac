import Foundation
import SluiceCore

/// A component in a ``FlowGraph``: its position, counted from 0 in the order it was added.
public struct ComponentID: Sendable, Hashable {
    public let index: Int
}

/// A path from one output of a component to one input of another.
public struct FlowPath: Sendable, Hashable, CustomStringConvertible {
    public let from: ComponentID
    public let output: Int
    public let to: ComponentID
    public let input: Int
    /// "Source.Output[0] -> Sink.Input[0]", set by the builder.
    public let name: String

    public var description: String { name }
}

/// A checked data flow: components, paths, and an order in which every path goes forward.
///
/// Built with ``FlowBuilder``; run with ``DataFlowEngine``. Immutable once built; its
/// components keep their state, so a graph is run once.
public final class FlowGraph: @unchecked Sendable {
    // @unchecked Sendable: the components are driven by one worker at a time (see FlowComponent);
    // `hasRun` is only touched under `runLock`.

    public let names: [String]
    let components: [any FlowComponent]
    public let paths: [FlowPath]
    /// Components in an order where every path goes from an earlier to a later one.
    let topologicalOrder: [Int]
    /// For each component, its path index per input.
    let inputPaths: [[Int]]
    /// For each component, its path index per output (nil: not connected, the rows are dropped).
    let outputPaths: [[Int?]]

    private let runLock = NSLock()
    private var hasRun = false

    /// Marks the graph as running; a second run is refused (its components keep their state).
    func claim() throws {
        let already = runLock.withLock { () -> Bool in
            defer { hasRun = true }
            return hasRun
        }
        if already { throw SluiceError(.dataFlowGraphReused) }
    }

    init(names: [String], components: [any FlowComponent], paths: [FlowPath], order: [Int], inputs: [[Int]], outputs: [[Int?]]) {
        self.names = names
        self.components = components
        self.paths = paths
        topologicalOrder = order
        inputPaths = inputs
        outputPaths = outputs
    }
}
