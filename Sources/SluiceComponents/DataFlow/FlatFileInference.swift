import SluiceCore
import SluiceCSV

/// Fills in the columns of Flat File sources that declare none, from the file (docs/csv.md,
/// "Inferred columns"), before the data flow is checked and bound: `sluice validate`, the graph
/// and every component downstream then see them as if declared.
enum FlatFileInference {
    static let sourceClass = "sluice.flatFileSource"

    /// `flow` with each inferring source's regular output given the file's columns. Lineage ids
    /// run from the source's `firstLineageId`, else from one past the highest an output of the
    /// flow declares (inputs only refer to ids: downstream may already use the inferred ones).
    static func inferringColumns(_ flow: DataFlow, dataFlow: String, context: any TaskContext) throws -> DataFlow {
        var flow = flow
        // Saturating: a declared id of Int.max must fail the range check below, not trap here.
        let highest = highestLineage(flow)
        var nextLineage = highest < Int.max ? highest + 1 : Int.max
        for c in flow.components.indices where flow.components[c].component == sourceClass {
            let model = flow.components[c]
            let site = ComponentSite(dataFlow: dataFlow, model: model, reaching: [], used: [], attached: [])
            guard let o = model.outputs.firstIndex(where: { !$0.isErrorOutput }), try infers(site, declared: model.outputs[o].columns) else { continue }
            let sampleRows = try site.positiveInt("inferRows", default: CSVColumnInference.defaultSampleRows)
            var options = CSVOptions()
            options.hasHeaderRow = try site.bool("header", default: true)
            if let d = try site.optionalString("delimiter"), d.utf8.count == 1, let byte = d.utf8.first { options.delimiter = byte }
            if let q = try site.optionalString("textQualifier") { options.textQualifier = q.utf8.count == 1 ? q.utf8.first : nil }
            if let page = site.model.properties["codePage"]?.intValue.flatMap({ Int(exactly: $0) }) { options.codePage = page }
            let path = try FilePlace(site, context).path(context)
            let columns = try CSVColumnInference.infer(path: path, options: options, sampleRows: sampleRows)
            let given = try site.model.properties["firstLineageId"].map { value -> Int in
                guard let n = value.intValue, n > 0, let i = Int(exactly: n) else { throw site.invalid("firstLineageId", "must be a whole number above 0") }
                return i
            }
            var lineage = given ?? nextLineage
            // Lineage ids are int32 (SSIS's, and the error output's ErrorColumn): the last one must fit.
            guard lineage <= Int(Int32.max), columns.count <= Int(Int32.max) - lineage + 1 else {
                let from = given == nil ? "one past the highest the flow declares (\(highest))" : "\(lineage)"
                throw site.invalid("firstLineageId", "the \(columns.count) inferred columns, numbered from \(from), would pass the largest lineage id 2147483647")
            }
            flow.components[c].outputs[o].columns = columns.map { column in
                defer { lineage += 1 }
                return DataFlowColumn(column.name, lineageID: lineage, type: column.dataType)
            }
            nextLineage = max(nextLineage, lineage)
        }
        return flow
    }

    /// `inferColumns` true, or absent with no declared columns and a header row.
    private static func infers(_ site: ComponentSite, declared: [DataFlowColumn]) throws -> Bool {
        guard let value = site.model.properties["inferColumns"] else {
            let header = try site.bool("header", default: true)
            return declared.isEmpty && header
        }
        guard let infer = value.boolValue else { throw site.invalid("inferColumns", "must be true or false") }
        if infer, !declared.isEmpty { throw site.invalid("inferColumns", "the output declares columns: declare them or infer them, not both") }
        return infer
    }

    private static func highestLineage(_ flow: DataFlow) -> Int {
        var highest = 0
        for component in flow.components {
            for output in component.outputs { for c in output.columns { highest = max(highest, c.lineageID) } }
        }
        return highest
    }
}
