import SluiceCore
import SluiceDataFlow
import SluicePluginHost
import SluiceRegistry

/// Binds a class id that is not built in but names a component in the registry: a plugin data
/// flow component (``PluginFlowComponent``). Validation makes one instance (create,
/// set_property, validate, ports, negotiate) with the columns reaching each input, and checks
/// the plugin's ports and negotiated output columns against the package's declarations, so
/// `validate` rejects what `run` would.
enum PluginBinding {
    static func names(_ id: String, in registry: ComponentRegistry) -> Bool { registry.entry(for: id) != nil }

    static func bind(_ site: ComponentSite, _ context: any TaskContext, registry: ComponentRegistry) throws -> BoundComponent {
        let schemas = site.reaching.map { columns in columns.map { PluginFlowColumn($0.name, $0.type, decimalScale: $0.scale) } }
        let id = site.model.component
        let name = site.name
        let properties = site.model.properties
        let checked = try PluginFlowComponent.make(
            registry: registry, componentID: id, name: name, properties: properties, inputSchemas: schemas, context: context)
        let ports = checked.ports
        let modelInputs = site.model.inputs.map(\.name)
        guard modelInputs == ports.inputs else {
            throw site.shape("the plugin's inputs are [\(ports.inputs.joined(separator: ", "))]; the package declares [\(modelInputs.joined(separator: ", "))]")
        }
        var outputs: [Int?] = []
        for output in site.model.outputs {
            guard let p = ports.outputs.firstIndex(where: { $0.name == output.name }) else {
                throw site.shape("the plugin has no output \"\(output.name)\" (it has \(ports.outputs.map(\.name).joined(separator: ", ")))")
            }
            let port = ports.outputs[p]
            let portSync = port.synchronousInput.map { ports.inputs[$0] }
            guard port.isErrorOutput == output.isErrorOutput, portSync == output.synchronousInput else {
                throw site.shape("output \"\(output.name)\" is \(describe(portSync, port.isErrorOutput)) in the plugin, \(describe(output.synchronousInput, output.isErrorOutput)) in the package")
            }
            let passed = output.synchronousInput.flatMap { sync in modelInputs.firstIndex(of: sync) }.map { site.reaching[$0] } ?? []
            try checkColumns(passed + output.columns.map(FlowColumn.init), against: checked.outputColumns[p], output: output.name, site)
            outputs.append(p)
        }
        return BoundComponent(outputs: outputs) { setup in
            try PluginFlowComponent.make(
                registry: registry, componentID: id, name: name, properties: properties, inputSchemas: schemas, context: setup.context)
        }
    }

    private static func describe(_ sync: String?, _ isError: Bool) -> String {
        (isError ? "an error output " : "") + (sync.map { "synchronous to \"\($0)\"" } ?? "asynchronous")
    }

    /// The package's view of an output (columns passed on, then declared) must be the plugin's
    /// negotiated schema: same names in order, same types as they cross the boundary.
    private static func checkColumns(
        _ expected: [FlowColumn], against negotiated: [(name: String, type: ArrowFormat.ColumnType)], output: String, _ site: ComponentSite
    ) throws {
        guard expected.map(\.name) == negotiated.map(\.name) else {
            throw site.shape("output \"\(output)\" gives [\(negotiated.map(\.name).joined(separator: ", "))]; the package expects [\(expected.map(\.name).joined(separator: ", "))]")
        }
        for (column, given) in zip(expected, negotiated) {
            let format = PluginFlowColumn(column.name, column.type, decimalScale: column.scale).arrowFormat
            guard let format, ArrowFormat.columnType(format) == given.type else {
                throw site.unsupported(column.name, "the plugin gives \(given.type.dataType.rawValue) on output \"\(output)\"; the package declares \(column.type.rawValue)")
            }
        }
    }
}
