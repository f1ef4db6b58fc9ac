import SluiceCore
import SluiceDataFlow
import SluiceExpressions

/// Binds the engine's stock transforms (properties in docs/dataflow.md). Every expression is
/// compiled here, at validation, against the columns reaching the component, so its type is
/// checked against the column it fills before anything runs.
enum TransformBinding {
    static func derivedColumn(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        try site.requireOutputs(regular: 1, errors: 1)
        let newColumns = site.model.outputs[site.regularOutputs[0]].columns.map(FlowColumn.init)
        let environment = ContextEnvironment(context: context)
        let schema = site.reaching[0].expressionSchema
        var made = Set<String>()
        var reads = Set(site.used[0].map(\.name))
        let derivations = try site.objects("derivations") { object, label -> DerivedColumn.Derivation in
            let column = try site.field(object, "column", label)
            let expression = try site.field(object, "expression", label)
            guard let target = newColumns.first(where: { $0.name == column }) ?? site.used[0].first(where: { $0.name == column }) else {
                throw site.invalid("\(label).column", "\"\(column)\" is neither a column of the output nor an input column the component uses")
            }
            guard made.insert(column).inserted else { throw site.invalid("\(label).column", "\"\(column)\" is derived twice") }
            reads.formUnion(try check(expression, gives: target, site, "\(label).expression", schema, environment))
            return DerivedColumn.Derivation(column, expression, onError: try site.disposition(object, label))
        }
        for c in newColumns where !made.contains(c.name) { throw site.unsupported(c.name, "no derivation gives the column a value") }
        let name = site.name
        var bound = BoundComponent(outputs: site.positionalOutputs(errorOutput: 1)) { setup in
            DerivedColumn(name: name, derivations, environment: setup.environment)
        }
        bound.reads = [reads]
        return bound
    }

    static func conditionalSplit(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        let environment = ContextEnvironment(context: context)
        let schema = site.reaching[0].expressionSchema
        let regular = site.regularOutputs.map { site.model.outputs[$0].name }
        var reads = Set<String>()
        let conditions = try site.objects("conditions") { object, label -> ConditionalSplit.Condition in
            let output = try site.field(object, "output", label)
            let expression = try site.field(object, "expression", label)
            guard regular.contains(output) else { throw site.invalid("\(label).output", "the component has no regular output \"\(output)\"") }
            let compiled: BatchExpression
            do { compiled = try BatchExpression(expression, schema: schema, environment: environment) } catch {
                throw site.invalid("\(label).expression", (error as? SluiceError)?.description ?? "\(error)")
            }
            guard compiled.type.dataType == .bool else {
                throw site.invalid("\(label).expression", "gives \(compiled.type.description), not DT_BOOL")
            }
            reads.formUnion(compiled.columns)
            return ConditionalSplit.Condition(output, expression)
        }
        guard Set(conditions.map(\.output)).count == conditions.count else { throw site.invalid("conditions", "two conditions name one output") }
        try site.requireOutputs(regular: conditions.count + 1, errors: 0)
        guard let defaultOutput = regular.first(where: { name in !conditions.contains { $0.output == name } }) else {
            throw site.shape("needs a default output: a regular output no condition names")
        }
        // Engine outputs: the conditions in order, then the default.
        let order = conditions.map(\.output) + [defaultOutput]
        let outputs = site.model.outputs.map { o in order.firstIndex(of: o.name) }
        let name = site.name
        var bound = BoundComponent(outputs: outputs) { setup in
            ConditionalSplit(name: name, conditions: conditions, defaultOutput: defaultOutput, environment: setup.environment)
        }
        bound.reads = [reads]
        return bound
    }

    static func multicast(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        try site.requireOutputs(regular: site.model.outputs.count, errors: 0)
        let count = site.model.outputs.count
        var bound = BoundComponent(outputs: site.positionalOutputs(errorOutput: nil)) { _ in Multicast(outputCount: count) }
        bound.reads = [[]]
        return bound
    }

    static func unionAll(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        guard !site.model.inputs.isEmpty else { throw site.shape("needs at least one input") }
        try site.requireOutputs(regular: 1, errors: 0)
        let output = site.model.outputs[0].columns.map(FlowColumn.init)
        var inputs: [Int?] = []
        var projections: [[(from: String, to: String)]?] = []
        var attached = 0
        for (i, used) in site.used.enumerated() {
            guard site.attached[i] else {
                inputs.append(nil)
                projections.append(nil)
                continue
            }
            guard used.count == output.count else {
                throw site.shape("input \"\(site.model.inputs[i].name)\" uses \(used.count) column(s); the output has \(output.count)")
            }
            for (u, o) in zip(used, output) where u.type != o.type || u.scale != o.scale {
                throw site.unsupported(u.name, "it is \(u.type.rawValue) and goes to output column \"\(o.name)\", which is \(o.type.rawValue)")
            }
            projections.append(zip(used, output).map { ($0.name, $1.name) })
            inputs.append(attached)
            attached += 1
        }
        let name = site.name
        var bound = BoundComponent(outputs: [0]) { _ in UnionAll(name: name, inputCount: attached) }
        bound.inputs = inputs
        bound.projections = projections
        bound.reads = site.usedNames
        return bound
    }

    static func rowCount(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        try site.requireOutputs(regular: 1, errors: 0)
        let variable = try site.string("variable")
        do { _ = try context.variable(variable) } catch { throw site.invalid("variable", (error as? SluiceError)?.description ?? "\(error)") }
        let counter = RowCounter()
        var bound = BoundComponent(
            outputs: [0], afterRun: { context in try context.setVariable(variable, to: .int(Int64(counter.value))) },
            make: { _ in RowCount(counter) })
        bound.reads = [[]]
        return bound
    }

    static func characterMap(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        try site.requireOutputs(regular: 1, errors: 0)
        let newColumns = site.model.outputs[0].columns.map(FlowColumn.init)
        var made = Set<String>()
        let mappings = try site.objects("mappings") { object, label -> CharacterMap.Mapping in
            let input = try site.usedColumn(object, "lineageId", label)
            guard [.str, .wstr, .text, .ntext].contains(input.type) else { throw site.unsupported(input.name, "Character Map maps strings, not \(input.type.rawValue)") }
            guard let text = object["operation"]?.stringValue, let operation = CharacterMap.Operation(rawValue: text) else {
                throw site.invalid("\(label).operation", "must be upper or lower")
            }
            guard let outputName = object["output"]?.stringValue else { return CharacterMap.Mapping(input.name, operation) }
            guard let target = newColumns.first(where: { $0.name == outputName }), target.type == input.type else {
                throw site.invalid("\(label).output", "must name a column of the output of type \(input.type.rawValue)")
            }
            made.insert(outputName)
            return CharacterMap.Mapping(input.name, operation, as: outputName)
        }
        for c in newColumns where !made.contains(c.name) { throw site.unsupported(c.name, "no mapping gives the column a value") }
        let name = site.name
        var bound = BoundComponent(outputs: [0]) { _ in CharacterMap(name: name, mappings) }
        bound.reads = site.usedNames
        return bound
    }

    static func dataConversion(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        try site.requireOutputs(regular: 1, errors: 1)
        let newColumns = site.model.outputs[site.regularOutputs[0]].columns.map(FlowColumn.init)
        var made = Set<String>()
        let conversions = try site.objects("conversions") { object, label -> DataConversion.Conversion in
            let input = try site.usedColumn(object, "lineageId", label)
            let column = try site.field(object, "column", label)
            guard let target = newColumns.first(where: { $0.name == column }) else {
                throw site.invalid("\(label).column", "the output has no column \"\(column)\"")
            }
            guard target.type.columnLayout != nil else { throw site.unsupported(target.name, "no column holds \(target.type.rawValue)") }
            guard made.insert(column).inserted else { throw site.invalid("\(label).column", "\"\(column)\" is converted twice") }
            let scale = target.type.decimalPrecisionAndScale != nil ? target.scale : nil
            return DataConversion.Conversion(input.name, to: target.type, as: column, onError: try site.disposition(object, label), decimalScale: scale)
        }
        for c in newColumns where !made.contains(c.name) { throw site.unsupported(c.name, "no conversion gives the column a value") }
        let name = site.name
        var bound = BoundComponent(outputs: site.positionalOutputs(errorOutput: 1)) { _ in try DataConversion(name: name, conversions) }
        bound.reads = site.usedNames
        return bound
    }

    /// Compiles `expression` and checks that it gives the type of `target`; returns the columns
    /// it reads.
    private static func check(
        _ expression: String, gives target: FlowColumn, _ site: ComponentSite, _ label: String,
        _ schema: [String: ExpressionType], _ environment: any ExpressionEnvironment
    ) throws -> [String] {
        let compiled: BatchExpression
        do { compiled = try BatchExpression(expression, schema: schema, environment: environment) } catch {
            throw site.invalid(label, (error as? SluiceError)?.description ?? "\(error)")
        }
        guard compiled.type.dataType == target.type else {
            throw site.unsupported(target.name, "it is declared \(target.type.rawValue) and its expression gives \(compiled.type.description)")
        }
        return compiled.columns
    }
}
