#if canImport(Glibc)
import Glibc
#endif
import SluiceCore
import SluiceCSV
import SluiceDataFlow

/// Binds `sluice.flatFileSource` and `sluice.flatFileDestination` to the SluiceCSV reader and
/// writer (properties in docs/dataflow.md).
enum FlatFileBinding {
    /// The types the CSV reader and writer convert.
    static let types: Set<DataType> = [
        .i1, .i2, .i4, .i8, .ui1, .ui2, .ui4, .ui8, .r4, .r8, .numeric, .decimal, .currency, .dbDate, .dbTimestamp, .date, .bool,
        .str, .wstr, .text, .ntext,
    ]

    static func source(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(0)
        let errorText = try sourceErrorOutput(site)
        let declared = site.model.outputs[site.regularOutputs[0]].columns
        var columns = try csvColumns(declared.map(FlowColumn.init), site)
        for (i, c) in declared.enumerated() where c.length > 0 && (c.type == .str || c.type == .wstr) { columns[i].length = c.length }
        var options = try csvOptions(site)
        try applyDispositions(&columns, &options, site)
        let file = try FilePlace(site, context)
        // Redirected rows are collected by one reader (the parallel reader refuses them).
        let redirects = options.raggedRows == .redirect || columns.contains { $0.onError == .redirect || $0.onTruncation == .redirect }
        let threads = redirects || options.codePage != CSVCodePages.utf8 ? 1 : try readerThreads(site)
        let name = site.name
        let lineage = declared.map { Int32(truncatingIfNeeded: $0.lineageID) }
        return BoundComponent(outputs: site.positionalOutputs(errorOutput: 1)) { [options] setup in
            var options = options
            options.batchRows = setup.maxRows
            var columns = columns
            for k in columns.indices { columns[k].isSkipped = setup.mayOmit(columns[k].name, fromOutput: 0) }
            return FlatFileSource(
                name: name, errorText: errorText, lineage: lineage,
                reader: try FlatFileBinding.reader(path: try file.path(setup.context), columns: columns, options: options, threads: threads))
        }
    }

    static func destination(_ site: ComponentSite, _ context: any TaskContext) throws -> BoundComponent {
        try site.requireInputs(1)
        guard site.model.outputs.isEmpty else { throw site.shape("is a destination: it has no outputs") }
        guard !site.used[0].isEmpty else { throw site.shape("uses no input columns: a file needs at least one") }
        let columns = try csvColumns(site.used[0], site)
        let file = try FilePlace(site, context)
        let options = try csvOptions(site)
        var bound = BoundComponent(outputs: []) { setup in
            FlatFileDestination(writer: try CSVWriter(path: try file.path(setup.context), columns: columns, options: options))
        }
        bound.reads = site.usedNames
        return bound
    }

    /// `readerThreads`: how many threads parse the file (default 1; 0 = one per core). Measured
    /// on TPC-H SF 1 (docs/benchmarks.md): a read-bound flow (q1) gains from more, a flow that
    /// also formats every row (stream) loses time and memory to the competition for the cores,
    /// so one is the default.
    private static func readerThreads(_ site: ComponentSite) throws -> Int {
        guard let value = site.model.properties["readerThreads"] else { return 1 }
        guard let n = value.intValue, (0...256).contains(n) else { throw site.invalid("readerThreads", "must be a whole number from 0 (one per core) to 256") }
        return n == 0 ? ParallelCSVReader.processorCount : Int(n)
    }

    /// With more than one thread, a regular file of at least two morsels is parsed in parallel
    /// (same batches, same order); a small file, a pipe or a FIFO by one reader.
    static func reader(path: String, columns: [CSVColumn], options: CSVOptions, threads: Int) throws -> any CSVBatchReading {
        var status = stat()
        let workers = threads
        if workers > 1, stat(path, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
            Int(status.st_size) >= 2 * ParallelCSVReader.defaultMorselBytes
        {
            return try ParallelCSVReader(path: path, columns: columns, options: options, workers: workers)
        }
        return try CSVReader(path: path, columns: columns, options: options)
    }

    private static func csvColumns(_ columns: [FlowColumn], _ site: ComponentSite) throws -> [CSVColumn] {
        try columns.map { c in
            guard types.contains(c.type) else {
                throw site.unsupported(c.name, "a flat file holds \(types.map(\.rawValue).sorted().joined(separator: ", ")), not \(c.type.rawValue)")
            }
            let decimal = c.type.decimalPrecisionAndScale != nil
            return CSVColumn(c.name, c.type, scale: decimal ? c.scale : nil)
        }
    }

    private static func csvOptions(_ site: ComponentSite) throws -> CSVOptions {
        var options = CSVOptions()
        if let d = try site.optionalString("delimiter") {
            guard d.utf8.count == 1, let byte = d.utf8.first, byte < 128, byte != 10, byte != 13 else {
                throw site.invalid("delimiter", "must be one ASCII character other than CR and LF")
            }
            options.delimiter = byte
        }
        if let q = try site.optionalString("textQualifier") {
            if q.isEmpty {
                options.textQualifier = nil
            } else {
                guard q.utf8.count == 1, let byte = q.utf8.first, byte < 128, byte != 10, byte != 13, byte != options.delimiter else {
                    throw site.invalid("textQualifier", "must be empty or one ASCII character other than CR, LF and the delimiter")
                }
                options.textQualifier = byte
            }
        }
        options.hasHeaderRow = try site.bool("header", default: true)
        options.emptyStringIsNull = try site.bool("emptyStringIsNull", default: true)
        options.writeCRLF = try site.bool("crlf", default: false)
        if let value = site.model.properties["codePage"] {
            guard let n = value.intValue, let page = Int(exactly: n), CSVCodePages.supported.contains(page) else {
                throw site.invalid("codePage", "must be one of \(CSVCodePages.supported.map(String.init).joined(separator: ", "))")
            }
            options.codePage = page
        }
        return options
    }
}

/// Where a flat file component's file is: its `file` property, or the path of its `connection`
/// (a `sluice.file` connection manager, read at run time so expressions and `--conn` apply).
struct FilePlace {
    let file: String?
    let connection: String?

    init(_ site: ComponentSite, _ context: any TaskContext) throws {
        file = try site.optionalString("file")
        connection = try site.optionalString("connection")
        guard (file == nil) != (connection == nil), file?.isEmpty != true, connection?.isEmpty != true else {
            throw site.invalid("file", "give exactly one of file (a path) and connection (a sluice.file connection manager)")
        }
        if let connection {
            let manager = try context.connection(named: connection)
            guard manager.kind == "sluice.file" else {
                throw site.invalid("connection", "\"\(connection)\" is a \(manager.kind) connection, not sluice.file")
            }
        }
    }

    func path(_ context: any TaskContext) throws -> String {
        if let file { return file }
        return try context.connection(named: connection ?? "").connectionString
    }
}

/// A Flat File Destination: the columns it uses, in its order, through the CSV writer, whose
/// temporary file is renamed into place only when every row is written.
final class FlatFileDestination: FlowComponent {
    let inputCount = 1
    let outputs: [OutputDescription] = []
    let writer: CSVWriter

    init(writer: CSVWriter) {
        self.writer = writer
    }

    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        var selected: [(name: String, column: Column)] = []
        selected.reserveCapacity(writer.columns.count)
        for c in writer.columns {
            guard let column = batch[c.name] else { throw SluiceError(.dataFlowColumnNotFound, ["component": writer.file, "column": c.name]) }
            selected.append((c.name, column))
        }
        try writer.write(try ColumnBatch(selected))
    }

    func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        try writer.finish()
    }
}
