import Glibc
import SluiceCore

/// Infers a file's columns from its header and a sample of its rows, when a package declares
/// none: the names from the header row (`Column 0`, `Column 1`, … without one), and per column
/// the narrowest of `DT_BOOL`, `DT_I4`, `DT_I8`, `DT_R8`, `DT_DBDATE`, `DT_WSTR` that reads every
/// non-empty sample value (in that order; a column with no value is `DT_WSTR`).
///
/// ```swift
/// let columns = try CSVColumnInference.infer(path: "in.csv", options: CSVOptions(), sampleRows: 1000)
/// ```
/// The sample is read by ``CSVReader`` itself (string columns), so quotes, code pages and the
/// byte order mark are handled as when the file is read for real.
public enum CSVColumnInference {
    public static let defaultSampleRows = 1000
    /// The longest first row looked at for the field count.
    static let headerLimit = 1 << 20
    /// The most columns inferred: each costs a batch column and per-row tape slots, so a first
    /// row of a million commas must not size the reader.
    public static let maximumColumns = 4096

    /// - Throws: `SLUICE_E_CSV_INFERENCE_FAILED` (an empty file, a header with an empty or
    ///   repeated name, more than ``maximumColumns`` fields), or the reader's errors naming the line (a ragged sample row, …).
    public static func infer(path: String, options: CSVOptions, sampleRows: Int = defaultSampleRows) throws -> [CSVColumn] {
        guard sampleRows >= 1, sampleRows <= 1 << 20 else {
            throw SluiceError(.csvOptionsInvalid, ["file": path, "reason": "the inference sample must be 1...1048576 rows"])
        }
        let count = try firstRowFieldCount(path: path, options: options)
        var sampling = options
        sampling.hasHeaderRow = false
        sampling.emptyStringIsNull = true
        sampling.raggedRows = .fail
        sampling.batchRows = sampleRows + (options.hasHeaderRow ? 1 : 0)
        let reader = try CSVReader(path: path, columns: (0..<count).map { CSVColumn("Column \($0)", .wstr) }, options: sampling)
        guard let batch = try reader.nextBatch() else { throw failed(path, "the file is empty") }
        var names = (0..<count).map { "Column \($0)" }
        var first = 0
        if options.hasHeaderRow {
            names = batch.columns.map { if case .string(let s) = $0.value(at: 0) { s } else { "" } }
            first = 1
            var seen = Set<String>()
            for (i, n) in names.enumerated() {
                guard !n.isEmpty else { throw failed(path, "the header names no column \(i + 1)") }
                guard seen.insert(n).inserted else { throw failed(path, "the header names column [\(n)] twice") }
            }
        }
        return zip(names, batch.columns).map { name, column in
            CSVColumn(name, narrowestType(column, from: first))
        }
    }

    /// The narrowest type every value of `column` from row `first` on reads as.
    static func narrowestType(_ column: Column, from first: Int) -> DataType {
        var fits: [(DataType, Bool)] = [(.bool, true), (.i4, true), (.i8, true), (.r8, true), (.dbDate, true)]
        var sawValue = false
        FieldParsers.exactPowersOfTen.withUnsafeBufferPointer { powers in
            guard let powers = powers.baseAddress else { return }
            for row in first..<column.length {
                guard case .string(var text) = column.value(at: row) else { continue }
                sawValue = true
                text.withUTF8 { bytes in
                    guard let p = bytes.baseAddress else { return }
                    let n = bytes.count
                    if fits[0].1 { fits[0].1 = FieldParsers.bool(p, n) != nil }
                    if fits[2].1 {
                        let integer = FieldParsers.int64(p, n)
                        fits[2].1 = integer != nil
                        if fits[1].1 { fits[1].1 = integer.flatMap { Int32(exactly: $0) } != nil }
                    } else {
                        fits[1].1 = false
                    }
                    if fits[3].1 { fits[3].1 = FieldParsers.double(p, n, powers) != nil }
                    if fits[4].1 { fits[4].1 = FieldParsers.date(p, n) != nil }
                }
            }
        }
        guard sawValue else { return .wstr }
        return fits.first { $0.1 }?.0 ?? .wstr
    }

    /// The fields of the file's first row: its delimiters outside quotes, plus one.
    static func firstRowFieldCount(path: String, options: CSVOptions) throws -> Int {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw SluiceError(.csvFileNotFound, ["file": path]) }
            throw SluiceError(.csvFileUnreadable, ["file": path, "reason": String(cString: strerror(code))])
        }
        defer { close(fd) }
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var fields = 1, seen = 0, inside = false, sawField = false
        while seen < headerLimit {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SluiceError(.csvFileUnreadable, ["file": path, "reason": String(cString: strerror(errno))])
            }
            if n == 0 { break }
            for i in 0..<n {
                let b = chunk[i]
                if b == options.textQualifier { inside.toggle() }
                else if !inside, b == options.delimiter {
                    fields += 1
                    guard fields <= maximumColumns else {
                        throw failed(path, "the first row has more than \(maximumColumns) fields, the most inferred; declare the columns")
                    }
                }
                else if !inside, b == 10 {
                    if sawField || fields > 1 { return fields }
                    continue  // an empty line before the first row is not a row
                }
                if b != 13 { sawField = true }
            }
            seen += n
        }
        guard sawField else { throw failed(path, "the file is empty") }
        guard seen < headerLimit else { throw failed(path, "no end of the first row in its first \(headerLimit) bytes") }
        return fields
    }

    private static func failed(_ file: String, _ reason: String) -> SluiceError {
        SluiceError(.csvInferenceFailed, ["file": file, "reason": reason])
    }
}
