import SluiceCore
import SluiceDataFlow

/// A column as the engine carries it: batches hold columns by name, the model names them by
/// lineage id; binding maps one to the other.
struct FlowColumn: Sendable, Hashable {
    let name: String
    let lineageID: Int
    let type: DataType
    let scale: Int

    init(_ c: DataFlowColumn) {
        name = c.name
        lineageID = c.lineageID
        type = c.type
        scale = c.scale
    }
}

/// What a binder sees of one model component: the component, the columns reaching each of its
/// inputs, the columns each input uses (resolved from lineage ids), and coded errors that name
/// the data flow and the component.
struct ComponentSite {
    let dataFlow: String
    let model: DataFlowComponent
    /// Per model input: every column that reaches it (the engine batch's columns).
    let reaching: [[FlowColumn]]
    /// Per model input: the columns it uses, in its order.
    let used: [[FlowColumn]]
    /// The names of the used columns, per input: what a component that reads only those reads
    /// (``BoundComponent/reads``).
    var usedNames: [Set<String>] { used.map { Set($0.map(\.name)) } }
    /// Per model input: whether a path attaches it.
    let attached: [Bool]

    var name: String { model.name }

    func invalid(_ property: String, _ reason: String) -> SluiceError {
        SluiceError(.dataFlowPropertyInvalid, ["dataFlow": dataFlow, "component": name, "property": property, "reason": reason])
    }

    func unsupported(_ column: String, _ reason: String) -> SluiceError {
        SluiceError(.dataFlowColumnUnsupported, ["dataFlow": dataFlow, "component": name, "column": column, "reason": reason])
    }

    func shape(_ reason: String) -> SluiceError {
        SluiceError(.dataFlowShapeInvalid, ["dataFlow": dataFlow, "component": name, "reason": reason])
    }

    // MARK: Properties

    func string(_ key: String) throws -> String {
        guard let value = model.properties[key] else { throw invalid(key, "missing") }
        guard let s = value.stringValue, !s.isEmpty else { throw invalid(key, "must be a non-empty string") }
        return s
    }

    func optionalString(_ key: String) throws -> String? {
        guard let value = model.properties[key] else { return nil }
        guard let s = value.stringValue else { throw invalid(key, "must be a string") }
        return s
    }

    func bool(_ key: String, default fallback: Bool) throws -> Bool {
        guard let value = model.properties[key] else { return fallback }
        guard let b = value.boolValue else { throw invalid(key, "must be true or false") }
        return b
    }

    /// A whole number above zero (a byte count), or `fallback` when absent.
    func positiveInt(_ key: String, default fallback: Int) throws -> Int {
        guard let value = model.properties[key] else { return fallback }
        guard let n = value.intValue, n > 0, let i = Int(exactly: n) else { throw invalid(key, "must be a whole number above 0") }
        return i
    }

    /// An array of objects, each handed to `item` with a label for errors (`derivations[2]`).
    func objects<T>(_ key: String, _ item: (JSONObject, String) throws -> T) throws -> [T] {
        guard let value = model.properties[key] else { throw invalid(key, "missing") }
        guard let array = value.arrayValue else { throw invalid(key, "must be an array of objects") }
        return try array.enumerated().map { i, element in
            guard case .object(let object) = element else { throw invalid("\(key)[\(i)]", "must be an object") }
            return try item(object, "\(key)[\(i)]")
        }
    }

    func field(_ object: JSONObject, _ key: String, _ label: String) throws -> String {
        guard let s = object[key]?.stringValue, !s.isEmpty else { throw invalid("\(label).\(key)", "missing or not a non-empty string") }
        return s
    }

    func disposition(_ object: JSONObject, _ label: String) throws -> RowDisposition {
        guard let value = object["onError"] else { return .failComponent }
        guard let text = value.stringValue, let d = RowDisposition(rawValue: text) else {
            throw invalid("\(label).onError", "must be failComponent, redirectRow or ignoreFailure")
        }
        return d
    }

    /// The input column with lineage id `value` (a number) among the columns input `input` uses.
    func usedColumn(_ object: JSONObject, _ key: String, _ label: String, input: Int = 0) throws -> FlowColumn {
        guard let id = object[key]?.intValue else { throw invalid("\(label).\(key)", "missing or not a lineage id") }
        guard used.indices.contains(input), let column = used[input].first(where: { $0.lineageID == Int(id) }) else {
            throw invalid("\(label).\(key)", "lineage id \(id) is not a column the input uses")
        }
        return column
    }

    // MARK: Shape

    func requireInputs(_ count: Int) throws {
        guard model.inputs.count == count else { throw shape("must have \(count) input(s), not \(model.inputs.count)") }
    }

    /// The model's outputs split by kind: indices of the regular outputs, then of the error outputs.
    var regularOutputs: [Int] { model.outputs.indices.filter { !model.outputs[$0].isErrorOutput } }
    var errorOutputs: [Int] { model.outputs.indices.filter { model.outputs[$0].isErrorOutput } }

    /// Checks that the component has `regular` regular outputs and at most `errors` error outputs,
    /// and that each error output declares only ErrorCode and ErrorColumn, as DT_I4.
    func requireOutputs(regular: Int, errors: Int) throws {
        guard regularOutputs.count == regular else { throw shape("must have \(regular) regular output(s), not \(regularOutputs.count)") }
        guard errorOutputs.count <= errors else { throw shape("may have at most \(errors) error output(s), not \(errorOutputs.count)") }
        for o in errorOutputs {
            for c in model.outputs[o].columns where !["ErrorCode", "ErrorColumn"].contains(c.name) || c.type != .i4 {
                throw unsupported(c.name, "an error output declares only ErrorCode and ErrorColumn, both DT_I4")
            }
        }
    }

    /// Maps regular model outputs to engine outputs `0..<regular` in order, and the error output
    /// to `errorOutput`.
    func positionalOutputs(errorOutput: Int?) -> [Int?] {
        var next = 0
        return model.outputs.map { o in
            if o.isErrorOutput { return errorOutput }
            defer { next += 1 }
            return next
        }
    }
}
