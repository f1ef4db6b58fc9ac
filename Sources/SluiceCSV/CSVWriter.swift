import Glibc
import SluiceCore

/// Writes ``ColumnBatch``es as a CSV file, into a temporary file beside the target that
/// ``finish()`` renames into place: a failed or abandoned run leaves no half-written file, and
/// an existing file is replaced only by a complete one.
///
/// ```swift
/// let writer = try CSVWriter(path: "out.csv", columns: reader.columns)
/// while let batch = try reader.nextBatch() { try writer.write(batch) }
/// try writer.finish()
/// ```
///
/// Output matches polars' `write_csv`: NULL as an empty field, an empty string as `""`, fields
/// quoted only when they hold the delimiter, the qualifier, CR or LF (the qualifier doubled),
/// Doubles in their shortest round-trip form (`17.0`, `0.05`), dates `YYYY-MM-DD`, booleans
/// `true`/`false`, decimals with all digits of their scale.
public final class CSVWriter {
    public let file: String
    public let columns: [CSVColumn]
    public let options: CSVOptions
    let kinds: [FieldKind]
    /// The temporary file being written (renamed to `file` by ``finish()``).
    public let temporaryPath: String
    private var out: OutputBuffer
    let formatters = ValueFormatters()
    /// A single-byte code page the text is encoded into (nil: UTF-8, written as is).
    let codePage: SingleByteCodePage?
    private var state = State.open
    /// Writing to a descriptor the caller owns (standard output): no temporary file, no rename.
    private let streaming: Bool
    /// Rows written before the current batch (for the line an encoding error names).
    private var rowsWritten = 0

    private enum State { case open, finished, abandoned }

    public init(path: String, columns: [CSVColumn], options: CSVOptions = CSVOptions()) throws {
        try options.validate(file: path)
        kinds = try columns.kinds(file: path)
        do { codePage = try SingleByteCodePage.make(options.codePage, file: path) } catch {
            formatters.deallocate()
            throw error
        }
        file = path
        self.columns = columns
        self.options = options
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        temporaryPath = "\(directory).\(name).sluice-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp"
        streaming = false
        let fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else {
            formatters.deallocate()
            throw SluiceError(.csvWriteFailed, ["file": path, "reason": String(cString: strerror(errno))])
        }
        out = OutputBuffer(fd: fd, file: path)
        if options.hasHeaderRow {
            do { try writeHeader() } catch let e as UnencodableCharacter {
                abandon()
                throw notInCodePage(e, line: 1, column: columns[e.column].name)
            } catch {
                abandon()
                throw error
            }
        }
    }

    /// Writes to `fd`, an open descriptor the caller keeps owning (standard output, a pipe):
    /// ``finish()`` writes out what is buffered; nothing is renamed, synced or closed.
    /// `name` labels errors.
    public init(fileDescriptor fd: Int32, name: String, columns: [CSVColumn], options: CSVOptions = CSVOptions()) throws {
        try options.validate(file: name)
        kinds = try columns.kinds(file: name)
        do { codePage = try SingleByteCodePage.make(options.codePage, file: name) } catch {
            formatters.deallocate()
            throw error
        }
        file = name
        self.columns = columns
        self.options = options
        temporaryPath = ""
        streaming = true
        out = OutputBuffer(fd: fd, file: name)
        if options.hasHeaderRow {
            do { try writeHeader() } catch {
                abandon()
                throw error
            }
        }
    }

    deinit {
        if state == .open { abandon() }
        out.deallocate()
        formatters.deallocate()
    }

    /// Appends the rows of `batch`: its columns in the declared order and types.
    public func write(_ batch: ColumnBatch) throws {
        guard state == .open else { throw SluiceError(.csvWriteFailed, ["file": file, "reason": "the writer is closed"]) }
        try checkShape(batch)
        var local = out  // rule 2: the loop works on a local, written back once
        defer { out = local }
        do {
            try withExtendedLifetime(batch) { try formatRows(batch, &local, formatters: formatters) }
            rowsWritten += batch.length
        } catch let e as UnencodableCharacter {
            out = local
            abandon()
            throw notInCodePage(e, line: rowsWritten + e.row + (options.hasHeaderRow ? 2 : 1), column: columns[e.column].name)
        } catch let e as UnwritableDate {
            out = local
            abandon()
            throw outOfRange(e, firstRow: rowsWritten)
        } catch {
            out = local
            abandon()
            throw error
        }
    }

    private func notInCodePage(_ e: UnencodableCharacter, line: Int, column: String) -> SluiceError {
        SluiceError(.csvCharacterNotInCodePage, [
            "file": file, "line": String(line), "column": column, "character": e.described, "codePage": String(options.codePage),
        ])
    }

    /// Writes out the rest, syncs and renames the temporary file over `file`.
    public func finish() throws {
        guard state == .open else { throw SluiceError(.csvWriteFailed, ["file": file, "reason": "the writer is closed"]) }
        if streaming {
            state = .finished
            return try out.flush()
        }
        do {
            try out.flush()
            guard fsync(out.fd) == 0 else { throw SluiceError(.csvWriteFailed, ["file": file, "reason": String(cString: strerror(errno))]) }
        } catch {
            abandon()
            throw error
        }
        state = .finished
        guard close(out.fd) == 0, rename(temporaryPath, file) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw SluiceError(.csvWriteFailed, ["file": file, "reason": reason])
        }
    }

    /// Writes `n` bytes formatted elsewhere (by a ``ParallelCSVWriter`` worker) after what is
    /// buffered. On failure the writer is abandoned.
    func writeFormatted(_ p: UnsafePointer<UInt8>, _ n: Int) throws {
        guard state == .open else { throw SluiceError(.csvWriteFailed, ["file": file, "reason": "the writer is closed"]) }
        do {
            try out.writeThrough(p, n)
        } catch {
            abandon()
            throw error
        }
    }

    /// Stops and removes the temporary file; the target is untouched.
    public func abandon() {
        guard state == .open else { return }
        state = .abandoned
        if streaming { return }
        close(out.fd)
        unlink(temporaryPath)
    }

    func checkShape(_ batch: ColumnBatch) throws {
        guard batch.columns.count == columns.count else {
            throw SluiceError(.csvColumnMismatch, ["file": file, "reason": "\(batch.columns.count) columns, \(columns.count) declared"])
        }
        for (i, column) in batch.columns.enumerated() where column.dataType != columns[i].dataType {
            throw SluiceError(.csvColumnMismatch, [
                "file": file,
                "reason": "column \(i + 1) [\(batch.names[i])] is \(column.dataType.rawValue), [\(columns[i].name)] is declared \(columns[i].dataType.rawValue)",
            ])
        }
    }

    private func writeHeader() throws {
        for (i, column) in columns.enumerated() {
            if i > 0 {
                try out.reserve(1)
                out.append(options.delimiter)
            }
            var name = column.name
            do { try name.withUTF8 { try writeEncodedText($0.baseAddress, $0.count, &out) } } catch var e as UnencodableCharacter {
                e.column = i
                throw e
            }
        }
        try out.reserve(2)
        if options.writeCRLF { out.append(13) }
        out.append(10)
    }
}
