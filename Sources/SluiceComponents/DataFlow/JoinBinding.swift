import SluiceCore
import SluiceDataFlow

/// Binds Merge, Merge Join and Lookup (properties in docs/merge-join-lookup.md). Sort order is
/// declared in each component's `keys` (the package model has no IsSorted flag on outputs); the
/// engine checks it as rows arrive.
enum JoinBinding {
    static func merge(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(2)
        try site.requireOutputs(regular: 1, errors: 0)
        let output = try asynchronousColumns(site)
        // As Union All: each input's used columns go, by position, to the output's columns.
        var projections: [[(from: String, to: String)]?] = []
        for (i, used) in site.used.enumerated() {
            guard used.count == output.count else {
                throw site.shape("input \"\(site.model.inputs[i].name)\" uses \(used.count) column(s); the output has \(output.count)")
            }
            for (u, o) in zip(used, output) where u.type != o.type || u.scale != o.scale {
                throw site.unsupported(u.name, "it is \(u.type.rawValue) and goes to output column \"\(o.name)\", which is \(o.type.rawValue)")
            }
            projections.append(zip(used, output).map { ($0.name, $1.name) })
        }
        let keys = try site.objects("keys") { object, label -> SortKey in
            let column = try site.field(object, "column", label)
            guard let target = output.first(where: { $0.name == column }) else { throw site.invalid("\(label).column", "the output has no column \"\(column)\"") }
            guard target.type.columnLayout != nil else { throw site.unsupported(column, "no column holds \(target.type.rawValue)") }
            return SortKey(column, ascending: try ascending(object, label, site))
        }
        guard !keys.isEmpty else { throw site.invalid("keys", "needs at least one key") }
        let name = site.name
        var bound = BoundComponent(outputs: [0]) { _ in Merge(name: name, keys: keys) }
        bound.projections = projections
        return bound
    }

    static func mergeJoin(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(2)
        try site.requireOutputs(regular: 1, errors: 0)
        let output = try asynchronousColumns(site)
        let typeName = try site.optionalString("joinType") ?? "inner"
        guard let type = MergeJoin.JoinType(rawValue: typeName) else {
            throw site.invalid("joinType", "must be one of \(MergeJoin.JoinType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let keys = try site.objects("keys") { object, label -> MergeJoin.Key in
            let left = try site.usedColumn(object, "left", label, input: 0)
            let right = try site.usedColumn(object, "right", label, input: 1)
            try requireSameType(left, right, site)
            return MergeJoin.Key(left: left.name, right: right.name, ascending: try ascending(object, label, site))
        }
        guard !keys.isEmpty else { throw site.invalid("keys", "needs at least one key") }
        var made = Set<String>()
        let columns = try site.objects("columns") { object, label -> MergeJoin.OutputColumn in
            let sideName = object["input"]?.stringValue ?? ""
            guard let side = ["left": MergeJoin.Side.left, "right": .right][sideName] else {
                throw site.invalid("\(label).input", "must be left or right")
            }
            let input = try site.usedColumn(object, "lineageId", label, input: side.rawValue)
            let column = try site.field(object, "column", label)
            guard let target = output.first(where: { $0.name == column }) else { throw site.invalid("\(label).column", "the output has no column \"\(column)\"") }
            guard made.insert(column).inserted else { throw site.invalid("\(label).column", "\"\(column)\" is given twice") }
            guard target.type == input.type, target.scale == input.scale else {
                throw site.unsupported(column, "it is declared \(target.type.rawValue) and the \(sideName) column [\(input.name)] is \(input.type.rawValue)")
            }
            return MergeJoin.OutputColumn(side, input.name, as: column, type: input.type, scale: input.scale)
        }
        for c in output where !made.contains(c.name) { throw site.unsupported(c.name, "no entry of columns gives the column a value") }
        let name = site.name
        return BoundComponent(outputs: [0]) { _ in MergeJoin(name: name, type: type, keys: keys, columns: columns) }
    }

    /// The declared columns of the component's one output, which must be asynchronous.
    private static func asynchronousColumns(_ site: ComponentSite) throws -> [FlowColumn] {
        let output = site.model.outputs[site.regularOutputs[0]]
        guard output.synchronousInput == nil else { throw site.shape("its output starts new rows: it cannot be synchronous") }
        guard !output.columns.isEmpty else { throw site.shape("its output declares no columns") }
        return output.columns.map(FlowColumn.init)
    }

    static func ascending(_ object: JSONObject, _ label: String, _ site: ComponentSite) throws -> Bool {
        let direction = object["direction"]?.stringValue ?? "ascending"
        guard ["ascending", "descending"].contains(direction) else { throw site.invalid("\(label).direction", "must be ascending or descending") }
        return direction == "ascending"
    }

    /// Joined keys compare as encoded words: the same type and scale on both sides.
    static func requireSameType(_ a: FlowColumn, _ b: FlowColumn, _ site: ComponentSite) throws {
        guard a.type == b.type && a.scale == b.scale else {
            throw SluiceError(.joinKeyTypeMismatch, [
                "component": site.name, "left": a.name, "leftType": a.type.rawValue, "right": b.name, "rightType": b.type.rawValue,
            ])
        }
    }
}
