import SluiceCore
import SluiceDataFlow
import SluiceExpressions

/// What a run gives the components it makes: the task's context (connections, variables) and
/// the expression environment of the data flow.
struct FlowRunSetup {
    let context: any TaskContext
    let environment: any ExpressionEnvironment
    let maxRows: Int
    /// Per model output of the component being made: the columns read downstream (nil: all).
    /// A source may leave the others out of its batches (``ColumnLiveness``).
    var neededColumns: [Set<String>?] = []

    /// Whether output `output` may leave out column `name`.
    func mayOmit(_ name: String, fromOutput output: Int) -> Bool {
        guard neededColumns.indices.contains(output), let needed = neededColumns[output] else { return false }
        return !needed.contains(name)
    }
}

/// A model component checked and ready to be made for a run (validation makes one without
/// opening anything; the run makes the engine component from it).
struct BoundComponent {
    /// Makes the engine component. Called once per run.
    let make: (FlowRunSetup) throws -> any FlowComponent
    /// For each model output, the engine output it is (nil: none; its rows are never made).
    let outputs: [Int?]
    /// Checks against the outside world at validation (a PostgreSQL table's columns), when any.
    var checkExternal: ((any TaskContext) throws -> Void)?
    /// Done after a successful run (Row Count writes its variable).
    var afterRun: ((any TaskContext) throws -> Void)?
    /// For each model input, the engine input it is (nil: left unattached; positional by default).
    var inputs: [Int?]?
    /// Per model input: the columns to pass, renamed (`from` → `to`), where the component needs
    /// exactly those (Union All); nil passes the batch as it is.
    var projections: [[(from: String, to: String)]?] = []
    /// Per model input: the names of the columns the component itself reads (columns it only
    /// passes on through a synchronous output are not counted). nil, the safe default: it reads
    /// every column reaching it (plugins, destinations that take whole batches).
    var reads: [Set<String>]?
    /// Per model output: columns the component found itself, for an output that declares none
    /// (a SQLite source reads them from its query's declared types).
    var foundOutputColumns: [[FlowColumn]]?

    init(outputs: [Int?], afterRun: ((any TaskContext) throws -> Void)? = nil, make: @escaping (FlowRunSetup) throws -> any FlowComponent) {
        self.outputs = outputs
        self.afterRun = afterRun
        self.make = make
    }
}

/// The table from component class id to the binder that checks a model component and binds it.
enum ComponentBinders {
    typealias Binder = @Sendable (ComponentSite, any TaskContext) throws -> BoundComponent

    static let table: [String: Binder] = [
        "sluice.flatFileSource": FlatFileBinding.source,
        "sluice.flatFileDestination": FlatFileBinding.destination,
        "sluice.derivedColumn": TransformBinding.derivedColumn,
        "sluice.conditionalSplit": TransformBinding.conditionalSplit,
        "sluice.multicast": TransformBinding.multicast,
        "sluice.unionAll": TransformBinding.unionAll,
        "sluice.rowCount": TransformBinding.rowCount,
        "sluice.characterMap": TransformBinding.characterMap,
        "sluice.dataConversion": TransformBinding.dataConversion,
        "sluice.aggregate": AggregateSortBinding.aggregate,
        "sluice.sort": AggregateSortBinding.sort,
        "sluice.sqliteSource": SQLiteFlowBinding.source,
        "sluice.sqliteDestination": SQLiteFlowBinding.destination,
        "sluice.merge": JoinBinding.merge,
        "sluice.mergeJoin": JoinBinding.mergeJoin,
        "sluice.lookup": JoinBinding.lookup,
        "sluice.dataReaderDestination": DataReaderBinding.destination,
        "sluice.postgresSource": PostgresBinding.source,
        "sluice.postgresDestination": PostgresBinding.destination,
    ]

    static var known: String { table.keys.sorted().joined(separator: ", ") }
}
