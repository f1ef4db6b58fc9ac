import SluiceCore
import SluiceDataFlow

extension JoinBinding {
    /// Lookup: input 0 the rows to look up; a second input named "reference" or a `query` on a
    /// `sluice.sqlite` connection gives the reference. Regular outputs: match (declaring the
    /// returned columns, synchronous to the input), then optionally no match; one optional error
    /// output.
    static func lookup(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        let referenceInput = site.model.inputs.firstIndex { $0.name == "reference" }
        guard site.model.inputs.count == (referenceInput == nil ? 1 : 2) else {
            throw site.shape("has one input, and optionally a second one named \"reference\"")
        }
        let main = referenceInput == 0 ? 1 : 0
        let regular = site.regularOutputs.count
        guard (1...2).contains(regular) else { throw site.shape("must have a match output and optionally a no match output, not \(regular) regular outputs") }
        try site.requireOutputs(regular: regular, errors: 1)
        let mainName = site.model.inputs[main].name
        for o in site.model.outputs where o.synchronousInput != mainName {
            throw site.shape("output \"\(o.name)\" must be synchronous to input \"\(mainName)\"")
        }
        let declared = site.model.outputs[site.regularOutputs[0]].columns.map(FlowColumn.init)
        let behaviorName = try site.optionalString("noMatchBehavior") ?? Lookup.NoMatchBehavior.failComponent.rawValue
        guard let noMatch = Lookup.NoMatchBehavior(rawValue: behaviorName) else {
            throw site.invalid("noMatchBehavior", "must be one of \(Lookup.NoMatchBehavior.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        // A reference column: by lineage id among the reference input's, or by name in the query.
        var queryColumns: [LookupQuery.Wanted] = []
        func referenceColumn(_ object: JSONObject, _ label: String, type: DataType, scale: Int) throws -> String {
            if let referenceInput {
                let column = try site.usedColumn(object, "referenceLineageId", label, input: referenceInput)
                return column.name
            }
            let name = try site.field(object, "referenceColumn", label)
            if let known = queryColumns.first(where: { $0.name == name }), known.type != type || known.scale != scale {
                throw site.invalid("\(label).referenceColumn", "\"\(name)\" is read as \(known.type.rawValue) and as \(type.rawValue)")
            }
            queryColumns.append(.init(name: name, type: type, scale: scale))
            return name
        }
        let joins = try site.objects("joins") { object, label -> Lookup.Join in
            let input = try site.usedColumn(object, "lineageId", label, input: main)
            let reference = try referenceColumn(object, label, type: input.type, scale: input.scale)
            if let referenceInput, let r = site.used[referenceInput].first(where: { $0.name == reference }) { try requireSameType(input, r, site) }
            return Lookup.Join(input.name, reference)
        }
        guard (1...64).contains(joins.count) else { throw site.invalid("joins", "needs 1 to 64 join columns") }
        var made = Set<String>()
        let returns = try site.objects("returns") { object, label -> Lookup.Returned in
            let column = try site.field(object, "column", label)
            guard let target = declared.first(where: { $0.name == column }) else { throw site.invalid("\(label).column", "the match output has no column \"\(column)\"") }
            guard target.type.columnLayout != nil else { throw site.unsupported(column, "no column holds \(target.type.rawValue)") }
            guard made.insert(column).inserted else { throw site.invalid("\(label).column", "\"\(column)\" is returned twice") }
            let reference = try referenceColumn(object, label, type: target.type, scale: target.scale)
            if let referenceInput, let r = site.used[referenceInput].first(where: { $0.name == reference }), r.type != target.type || r.scale != target.scale {
                throw site.unsupported(column, "it is declared \(target.type.rawValue) and the reference column [\(r.name)] is \(r.type.rawValue)")
            }
            return Lookup.Returned(reference, as: column, type: target.type, scale: target.scale)
        }
        for c in declared where !made.contains(c.name) { throw site.unsupported(c.name, "no entry of returns gives the column a value") }
        let query: LookupQuery?
        if referenceInput == nil {
            guard site.model.properties["query"] != nil else {
                throw site.invalid("query", "a lookup needs a query on a sluice.sqlite connection, or an input named \"reference\"")
            }
            query = LookupQuery(connection: try site.string("connection"), sql: try site.string("query"), columns: queryColumns, component: site.name)
            try query?.check(in: context)
        } else {
            query = nil
        }
        var outputs: [Int?] = []
        var nextRegular = 0
        for o in site.model.outputs {
            if o.isErrorOutput { outputs.append(Lookup.errorOutput) } else { outputs.append(nextRegular); nextRegular += 1 }
        }
        let name = site.name
        var bound = BoundComponent(outputs: outputs) { setup in
            let reference: Lookup.Reference = try query.map { .rows(try $0.load(in: setup.context, maxRows: setup.maxRows)) } ?? .input
            let lookup = Lookup(name: name, joins: joins, returns: returns, noMatch: noMatch, reference: reference)
            let context = setup.context
            lookup.onDuplicateKeys = { count in
                let warning = SluiceError(.lookupDuplicateKeys, ["component": name, "count": String(count)])
                context.raise(.warning(code: warning.code, message: warning.description))
            }
            return lookup
        }
        if let referenceInput { bound.inputs = site.model.inputs.indices.map { $0 == referenceInput ? 1 : 0 } }
        return bound
    }
}
