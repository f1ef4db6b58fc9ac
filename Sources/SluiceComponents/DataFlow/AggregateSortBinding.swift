import SluiceCore
import SluiceDataFlow

/// Binds Aggregate and Sort (properties in docs/dataflow.md). Both have one asynchronous output
/// whose columns the package declares; every declared column is checked here, at validation,
/// against what the engine component will give it.
enum AggregateSortBinding {
    /// SSIS's AggregationType names, as the package writes them.
    static let operations: [String: AggregateColumn.Operation] = [
        "groupBy": .groupBy, "count": .count, "countAll": .countAll, "countDistinct": .countDistinct,
        "sum": .sum, "average": .average, "minimum": .minimum, "maximum": .maximum,
    ]

    static func aggregate(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        try site.requireOutputs(regular: 1, errors: 0)
        let declared = try asynchronousColumns(site)
        var made = Set<String>()
        let columns = try site.objects("aggregations") { object, label -> AggregateColumn in
            let column = try site.field(object, "column", label)
            guard let target = declared.first(where: { $0.name == column }) else {
                throw site.invalid("\(label).column", "the output has no column \"\(column)\"")
            }
            guard made.insert(column).inserted else { throw site.invalid("\(label).column", "\"\(column)\" is aggregated twice") }
            guard let text = object["operation"]?.stringValue, let operation = operations[text] else {
                throw site.invalid("\(label).operation", "must be one of \(operations.keys.sorted().joined(separator: ", "))")
            }
            if operation == .countAll {
                try require(target, is: .ui8, scale: 0, site, "count all")
                return AggregateColumn(column, .countAll)
            }
            let input = try site.usedColumn(object, "lineageId", label)
            guard let (type, scale) = outputType(operation, of: input) else {
                throw site.unsupported(input.name, "\(operation.rawValue) does not take \(input.type.rawValue)")
            }
            try require(target, is: type, scale: scale, site, "\(operation.rawValue) of \(input.name)")
            return AggregateColumn(column, operation, of: input.name)
        }
        for c in declared where !made.contains(c.name) { throw site.unsupported(c.name, "no aggregation gives the column a value") }
        let memoryLimit = try site.positiveInt("memoryLimit", default: 1 << 30)
        let name = site.name
        var bound = BoundComponent(outputs: [0]) { _ in Aggregate(name: name, columns: columns, memoryLimit: memoryLimit) }
        bound.reads = site.usedNames
        return bound
    }

    static func sort(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        try site.requireOutputs(regular: 1, errors: 0)
        let declared = try asynchronousColumns(site)
        var keyed = Set<String>()
        let keys = try site.objects("keys") { object, label -> SortKey in
            let input = try site.usedColumn(object, "lineageId", label)
            guard input.type.columnLayout != nil else { throw site.unsupported(input.name, "no column holds \(input.type.rawValue)") }
            guard keyed.insert(input.name).inserted else { throw site.invalid("\(label).lineageId", "\"\(input.name)\" is a key twice") }
            let direction = object["direction"]?.stringValue ?? "ascending"
            guard ["ascending", "descending"].contains(direction) else {
                throw site.invalid("\(label).direction", "must be ascending or descending")
            }
            return SortKey(input.name, ascending: direction == "ascending")
        }
        guard !keys.isEmpty else { throw site.invalid("keys", "needs at least one key") }
        // The output passes the input columns it declares, by name: each must be used, same type.
        var mapping: [(from: String, to: String)] = []
        for c in declared {
            guard let input = site.used[0].first(where: { $0.name == c.name }) else {
                throw site.unsupported(c.name, "Sort passes input columns on: the input uses no column of that name")
            }
            try require(c, is: input.type, scale: input.scale, site, "the input column")
            mapping.append((input.name, c.name))
        }
        for k in keys where !declared.contains(where: { $0.name == k.column }) {
            throw site.unsupported(k.column, "a sort key must also be a column of the output")
        }
        let removeDuplicates = try site.bool("removeDuplicates", default: false)
        let memoryLimit = try site.positiveInt("memoryLimit", default: 256 << 20)
        let name = site.name
        var bound = BoundComponent(outputs: [0]) { _ in
            Sort(name: name, keys: keys, removeDuplicates: removeDuplicates, memoryLimit: memoryLimit)
        }
        bound.projections = [mapping]
        bound.reads = [Set(mapping.map(\.0))]
        return bound
    }

    /// The declared columns of the component's one output, which must be asynchronous.
    private static func asynchronousColumns(_ site: ComponentSite) throws -> [FlowColumn] {
        let output = site.model.outputs[0]
        guard output.synchronousInput == nil else { throw site.shape("its output starts new rows: it cannot be synchronous") }
        guard !output.columns.isEmpty else { throw site.shape("its output declares no columns") }
        return output.columns.map(FlowColumn.init)
    }

    /// What the engine's Aggregate gives for `operation` over `input` (nil: not supported).
    static func outputType(_ operation: AggregateColumn.Operation, of input: FlowColumn) -> (DataType, Int)? {
        let signed: Set<DataType> = [.i1, .i2, .i4, .i8]
        let unsigned: Set<DataType> = [.ui1, .ui2, .ui4, .ui8]
        let reals: Set<DataType> = [.r4, .r8]
        let decimals: Set<DataType> = [.currency, .decimal, .numeric]
        switch operation {
        case .count, .countAll, .countDistinct: return (.ui8, 0)
        case .groupBy, .minimum, .maximum:
            return input.type.columnLayout == nil ? nil : (input.type, input.scale)
        case .sum:
            if signed.contains(input.type) { return (.i8, 0) }
            if unsigned.contains(input.type) { return (.ui8, 0) }
            if reals.contains(input.type) { return (.r8, 0) }
            if decimals.contains(input.type) { return (.numeric, input.scale) }
            return nil
        case .average:
            return signed.union(unsigned).union(reals).union(decimals).contains(input.type) ? (.r8, 0) : nil
        }
    }

    private static func require(_ target: FlowColumn, is type: DataType, scale: Int, _ site: ComponentSite, _ what: String) throws {
        let scaled = type.decimalPrecisionAndScale != nil
        guard target.type == type, !scaled || target.scale == scale else {
            let expected = scaled ? "\(type.rawValue) scale \(scale)" : type.rawValue
            throw site.unsupported(target.name, "it is declared \(target.type.rawValue) and \(what) gives \(expected)")
        }
    }
}
