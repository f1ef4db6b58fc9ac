import SluiceCore
import SluiceDataFlow

/// Binds `sluice.dataReaderDestination` (SSIS's DataReader destination): the rows reaching it
/// go to the consumer the caller registered for its `name` (``DataReaderOutputs``), or nowhere
/// when nobody reads. docs/package-output.md.
enum DataReaderBinding {
    static func destination(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        guard site.model.outputs.isEmpty else { throw site.shape("is a destination: it has no outputs") }
        let name = try site.string("name")
        // The columns the input uses, in its order; none named means every column reaching it.
        let flowColumns = site.used[0].isEmpty ? site.reaching[0] : site.used[0]
        for c in flowColumns where c.type.columnLayout == nil {
            throw site.unsupported(c.name, "\(c.type.rawValue) has no column form")
        }
        let columns = flowColumns.map { DataReaderColumn($0.name, $0.type, scale: $0.type.decimalPrecisionAndScale != nil ? $0.scale : 0) }
        let component = site.name
        return BoundComponent(outputs: []) { setup in
            let consumer = setup.context.dataReaders?.consumer(named: name)
            try consumer?.begin(columns)
            return DataReaderDestination(component: component, columns: columns.map(\.name), consumer: consumer, context: setup.context)
        }
    }
}

/// A DataReader destination: picks its columns out of each batch and hands them to the
/// consumer, which may hold the flow back while its reader is behind.
final class DataReaderDestination: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    private let component: String
    private let columns: [String]
    private let consumer: (any DataReaderConsumer)?
    private let context: any TaskContext

    init(component: String, columns: [String], consumer: (any DataReaderConsumer)?, context: any TaskContext) {
        self.component = component
        self.columns = columns
        self.consumer = consumer
        self.context = context
    }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        guard let consumer else { return }  // nobody reads: SSIS discards the rows
        var selected: [(name: String, column: Column)] = []
        selected.reserveCapacity(columns.count)
        for name in columns {
            guard let column = batch[name] else { throw SluiceError(.dataFlowColumnNotFound, ["component": component, "column": name]) }
            selected.append((name, column))
        }
        let context = self.context
        try consumer.receive(try ColumnBatch(selected)) { context.isCanceled }
    }

    func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        try consumer?.endOfRows()
    }
}
