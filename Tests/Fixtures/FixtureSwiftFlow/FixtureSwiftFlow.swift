// Swift data flow components for the tests: a synchronous transform, an asynchronous transform
// and a destination, written with SluiceSDK only.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SluiceSDK

/// Passes every column on and adds `length` (int32): the UTF-8 byte count of the string column
/// named by `column`, NULL where it is NULL.
final class LengthTransform: PluginSynchronousTransform {
    static let id = "tests.swift.length", displayName = "Length (Swift)", version = "1.0.0"
    static let summary = "Adds the byte length of a string column."
    static let properties = [PluginProperty(name: "column", type: .string, required: true, description: "The string column.")]

    private var column = ""
    private var index = 0

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        guard case .string(let text) = value else { throw PluginError(.invalidArgument, "column: a string") }
        column = text
    }

    func negotiate(_ inputs: [[FlowField]]) throws -> [[FlowField]] {
        guard let input = inputs.first, let found = input.firstIndex(where: { $0.name == column }) else {
            throw PluginError(.notFound, "no input column \"\(column)\"")
        }
        guard input[found].type == .utf8 else { throw PluginError(.typeMismatch, "column \"\(column)\" is not a string") }
        index = found
        return [input + [FlowField("length", .int32)]]
    }

    func transform(_ batch: FlowBatch, _ context: PluginContext) throws -> FlowOutputBatch? {
        let text = try batch.strings(index)
        let lengths = Int32ColumnBuilder()
        for row in 0..<batch.rowCount { lengths.append(text.bytes(row).map { Int32(clamping: $0.count) }) }
        var out = FlowOutputBatch(rowCount: batch.rowCount)
        out.pass(batch)
        out.add(lengths)
        return out
    }
}

/// Keeps every batch it gets and, at the end of its input, emits one row: `rows` (int64) and
/// `total` (int64), the sum of the int64 column `column` (NULLs skipped, wrapping on overflow).
final class TotalTransform: PluginAsynchronousTransform {
    static let id = "tests.swift.total", displayName = "Total (Swift)", version = "1.0.0"
    static let summary = "Counts rows and sums an int64 column, emitting one row at the end."
    static let properties = [PluginProperty(name: "column", type: .string, required: true, description: "The int64 column.")]

    private var column = ""
    private var index = 0
    private var kept: [FlowBatch] = []

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        guard case .string(let text) = value else { throw PluginError(.invalidArgument, "column: a string") }
        column = text
    }

    func negotiate(_ inputs: [[FlowField]]) throws -> [[FlowField]] {
        guard let found = inputs.first?.firstIndex(where: { $0.name == column && $0.type == .int64 }) else {
            throw PluginError(.notFound, "no int64 input column \"\(column)\"")
        }
        index = found
        return [[FlowField("rows", .int64, nullable: false), FlowField("total", .int64, nullable: false)]]
    }

    func process(_ batch: FlowBatch, input: Int, _ context: PluginContext) throws { kept.append(batch) }

    func endOfInput(_ input: Int, _ context: PluginContext) throws {
        var rows: Int64 = 0, total: Int64 = 0
        for batch in kept {
            let values = try batch.int64s(index)
            rows &+= Int64(batch.rowCount)
            for row in 0..<values.count { total &+= values[row] ?? 0 }
        }
        kept = []  // released here, long after their calls
        let rowColumn = Int64ColumnBuilder(), totalColumn = Int64ColumnBuilder()
        rowColumn.append(rows)
        totalColumn.append(total)
        var out = FlowOutputBatch(rowCount: 1)
        out.add(rowColumn)
        out.add(totalColumn)
        try context.emit(out, to: 0)
    }
}

/// Writes each row to `file`, its int64 columns joined by commas (the others left out), NULL as "NULL".
final class LinesDestination: PluginFlowDestination {
    static let id = "tests.swift.lines", displayName = "Lines (Swift)", version = "1.0.0"
    static let summary = "Writes the int64 columns of every row to a file."
    static let properties = [PluginProperty(name: "file", type: .string, required: true, description: "The file to write.")]

    private var path = ""
    private var text = ""

    init() {}

    func setProperty(_ name: String, _ value: PluginValue) throws {
        guard case .string(let text) = value else { throw PluginError(.invalidArgument, "file: a string") }
        path = text
    }

    func preExecute(_ context: PluginContext) throws { text = "" }

    func consume(_ batch: FlowBatch, input: Int, _ context: PluginContext) throws {
        let columns = try batch.fields.indices.filter { batch.fields[$0].type == .int64 }.map { try batch.int64s($0) }
        for row in 0..<batch.rowCount {
            text += columns.map { $0[row].map { "\($0)" } ?? "NULL" }.joined(separator: ",") + "\n"
        }
    }

    func endOfInput(_ input: Int, _ context: PluginContext) throws {
        guard let file = fopen(path, "w") else { throw PluginError(.io, "cannot open \(path)") }
        defer { fclose(file) }
        guard fputs(text, file) >= 0 else { throw PluginError(.io, "cannot write \(path)") }
    }
}

private let plugin = PluginDefinition(
    name: "tests.swift.flow", version: "1.0.0", vendor: "Sluice tests", description: "Swift data flow components.",
    components: [LengthTransform.self, TotalTransform.self, LinesDestination.self])

@_cdecl("sluice_plugin_entry")
public func sluicePluginEntry() -> UnsafeRawPointer? { plugin.descriptorPointer }
