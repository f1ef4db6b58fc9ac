/// The structural checks of a data flow's graph: names, lineage ids, paths, cycles, and the
/// columns each input uses. A pure function of the model; component classes and their
/// properties are checked later, against the registry.
///
/// ```swift
/// let problems = DataFlowValidation.problems(in: flow, named: "\\Package\\Load")  // [] when sound
/// ```
///
/// Every pass is linear in the size of the graph and iterative (a chain of 10,000 components
/// is no deeper for it than a chain of 2). Columns reach an input as in SSIS's buffers: the
/// columns of the output attached to it, then, when that output is synchronous to an input of
/// its component, the columns reaching that input, and so on up to an asynchronous output.
/// That is an ancestor test in the forest of outputs (an output's parent is the output feeding
/// its synchronous input), answered in O(1) from one depth-first numbering.
public enum DataFlowValidation {
    /// - Parameters:
    ///   - dataFlow: how errors name the data flow (its executable's path).
    ///   - deferringInferredColumns: skip the column checks of a flow with a source whose regular
    ///     output declares no columns (a Flat File source infers them from its file when the Data
    ///     Flow task validates, and checks the whole flow again then). The package's structural
    ///     check defers; the task's check does not.
    public static func problems(in flow: DataFlow, named dataFlow: String, deferringInferredColumns: Bool = false) -> [SluiceError] {
        var graph = DataFlowGraph(flow, name: dataFlow)
        graph.indexComponentsAndPorts()
        graph.indexLineage()
        graph.attachPaths()
        graph.checkRequiredInputs()
        // Column checks follow the buffers, which a cycle would make endless: only on a DAG.
        if !graph.reportCycle(), !(deferringInferredColumns && hasColumnlessSource(flow)) { graph.checkInputColumns() }
        return graph.problems
    }

    /// A component with no inputs whose regular output declares no columns: they come at validation.
    static func hasColumnlessSource(_ flow: DataFlow) -> Bool {
        flow.components.contains { c in c.inputs.isEmpty && c.outputs.contains { !$0.isErrorOutput && $0.columns.isEmpty } }
    }

    /// Throws the first problem, if any.
    public static func check(_ flow: DataFlow, named dataFlow: String) throws {
        if let first = problems(in: flow, named: dataFlow).first { throw first }
    }
}
