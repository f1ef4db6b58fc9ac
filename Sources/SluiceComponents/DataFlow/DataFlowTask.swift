import Foundation
import SluiceCore
import SluiceDataFlow
import SluiceRegistry

/// The Data Flow task (`sluice.dataFlow`, SSIS's `Microsoft.Pipeline`): binds the executable's
/// ``DataFlow`` model to the engine at validation, and runs it.
///
/// Events: `OnPipelineRowsSent` (rows along each path) and `OnPipelineComponentTime` (time each
/// component spent in its calls) when the flow ends, as SSIS's log entries of those names;
/// `OnPipelineProgress` (rows read, MB/s) at most once a second while it runs.
public final class DataFlowTask: TaskComponent {
    public static let descriptor = ComponentDescriptor(
        id: DataFlow.taskComponentID, kind: .task, displayName: "Data Flow Task",
        description: "Runs a pipeline of data flow components (docs/dataflow.md).", version: "1.0.0")

    /// Where a class id that is not built in is looked up (a plugin data flow component).
    private let registry: ComponentRegistry?

    public init(_ properties: ResolvedProperties, registry: ComponentRegistry? = nil) {
        self.registry = registry
    }

    public func validate(in context: any TaskContext) throws {
        let plan = try plan(context)
        for b in plan.bound { try b.checkExternal?(context) }
    }

    public func execute(in context: any TaskContext) throws -> TaskOutcome {
        let plan = try plan(context)
        let setup = FlowRunSetup(context: context, environment: ContextEnvironment(context: context), maxRows: plan.flow.defaultBufferMaxRows)
        let built = try plan.build(setup)
        let cancellation = FlowCancellation()
        let progress = PipelineProgress(graph: built.graph, context: context, cancellation: cancellation)
        progress.start()
        let report: FlowReport
        do {
            report = try DataFlowEngine(options: FlowOptions(defaultBufferMaxRows: plan.flow.defaultBufferMaxRows))
                .run(built.graph, cancellation: cancellation, sink: progress)
            progress.stop()
        } catch {
            progress.stop()
            // A destination that has not finished leaves no file behind and no rows committed.
            for case let destination as any AbandonableDestination in built.components { destination.abandon() }
            if cancellation.isCanceled || context.isCanceled { return .canceled }
            throw error
        }
        for (k, rows) in report.rowsPerPath.enumerated() {
            guard built.pathLabels.indices.contains(k), let label = built.pathLabels[k] else { continue }
            context.raise(.custom(name: "OnPipelineRowsSent", text: "\(label): \(rows) rows"))
        }
        for (name, busy) in zip(built.graph.names, report.busyNanosecondsPerComponent) {
            context.raise(.custom(name: "OnPipelineComponentTime", text: "\(name): \(busy / 1_000_000) ms"))
        }
        for b in plan.bound { try b.afterRun?(context) }
        return .success()
    }

    private func plan(_ context: any TaskContext) throws -> FlowPlan {
        guard let flow = context.dataFlow else { throw SluiceError(.dataFlowModelMissing, ["executable": context.executableName]) }
        return try FlowPlan(flow, name: context.executableName, context: context, registry: registry)
    }
}
