import SluiceCore
import SluiceCSV
import SluiceDataFlow

/// The Flat File source's error handling, SSIS's way: an error output carrying the raw line,
/// per-column error and truncation dispositions, and what a ragged row does.
extension FlatFileBinding {
    /// SSIS's name of the error output's text column.
    static let errorTextColumn = "Flat File Source Error Output Column"

    /// Checks the source's outputs (one regular, at most one error output declaring ErrorCode and
    /// ErrorColumn as DT_I4 and one text column) and gives the text column's name and type.
    static func sourceErrorOutput(_ site: ComponentSite) throws -> (name: String, type: DataType) {
        guard site.regularOutputs.count == 1 else { throw site.shape("must have 1 regular output(s), not \(site.regularOutputs.count)") }
        guard site.errorOutputs.count <= 1 else { throw site.shape("may have at most 1 error output(s), not \(site.errorOutputs.count)") }
        guard let o = site.errorOutputs.first else { return (errorTextColumn, .text) }
        var text: (String, DataType)?
        for c in site.model.outputs[o].columns {
            if c.name == ErrorRows.codeColumn || c.name == ErrorRows.columnColumn {
                guard c.type == .i4 else { throw site.unsupported(c.name, "\(c.name) is DT_I4") }
            } else if text == nil, [.str, .wstr, .text, .ntext].contains(c.type) {
                text = (c.name, c.type)
            } else {
                throw site.unsupported(c.name, "a flat file error output declares ErrorCode, ErrorColumn (DT_I4) and one text column for the raw line")
            }
        }
        return text ?? (errorTextColumn, .text)
    }

    /// `raggedRows` (failComponent | redirectRow) and `errorDispositions`: per column
    /// `{"column": name, "onError": …, "onTruncation": …}` (failComponent | redirectRow | ignoreFailure).
    static func applyDispositions(_ columns: inout [CSVColumn], _ options: inout CSVOptions, _ site: ComponentSite) throws {
        if let ragged = try site.optionalString("raggedRows") {
            switch RowDisposition(rawValue: ragged) {
            case .failComponent: options.raggedRows = .fail
            case .redirectRow: options.raggedRows = .redirect
            default: throw site.invalid("raggedRows", "must be failComponent or redirectRow")
            }
        }
        guard site.model.properties["errorDispositions"] != nil else { return }
        let entries = try site.objects("errorDispositions") { object, label -> (Int, CSVRowAction, CSVRowAction) in
            let name = try site.field(object, "column", label)
            guard let index = columns.firstIndex(where: { $0.name == name }) else {
                throw site.invalid("\(label).column", "the output has no column \"\(name)\"")
            }
            let onError = try action(object["onError"], "\(label).onError", site)
            let onTruncation = try action(object["onTruncation"], "\(label).onTruncation", site)
            return (index, onError, onTruncation)
        }
        for (index, onError, onTruncation) in entries {
            columns[index].onError = onError
            columns[index].onTruncation = onTruncation
        }
    }

    private static func action(_ value: JSONValue?, _ label: String, _ site: ComponentSite) throws -> CSVRowAction {
        guard let value else { return .fail }
        switch value.stringValue.flatMap(RowDisposition.init(rawValue:)) {
        case .failComponent: return .fail
        case .redirectRow: return .redirect
        case .ignoreFailure: return .ignore
        case nil: throw site.invalid(label, "must be failComponent, redirectRow or ignoreFailure")
        }
    }
}
