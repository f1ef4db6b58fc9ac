import Foundation
import SluiceCore
import SluiceCSV

/// Writes a DataReader output as CSV to a descriptor (standard output), with the Flat File
/// Destination's writer and defaults: a header row, `,`, `"` only where needed, LF.
///
/// The CSV writer formats the types a flat file holds (FlatFileBinding.types); another type
/// is `SLUICE_E_DATAREADER_COLUMN_UNSUPPORTED` when the run makes the destination.
public final class CSVStreamWriter: DataReaderConsumer, @unchecked Sendable {
    // @unchecked Sendable: called by one worker at a time, then `finish` after the run (`lock`).
    private let fd: Int32
    private let name: String
    private let lock = NSLock()
    private var writer: CSVWriter?
    private var columns: [DataReaderColumn]?

    public init(fileDescriptor fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }

    public func begin(_ columns: [DataReaderColumn]) throws {
        try lock.withLock {
            if let written = self.columns {
                guard written == columns else {
                    throw SluiceError(.dataReaderWriteFailed, ["name": name, "format": "csv", "reason": "a later run of its data flow sends other columns than the first"])
                }
                return
            }
            for c in columns where !FlatFileBinding.types.contains(c.type) {
                throw SluiceError(.dataReaderColumnUnsupported, ["name": name, "column": c.name, "type": c.type.rawValue, "format": "csv"])
            }
            let csv = columns.map { CSVColumn($0.name, $0.type, scale: $0.type.decimalPrecisionAndScale != nil ? $0.scale : nil) }
            writer = try CSVWriter(fileDescriptor: fd, name: "output \"\(name)\" (standard output)", columns: csv)
            self.columns = columns
        }
    }

    public func receive(_ batch: ColumnBatch, isCanceled: () -> Bool) throws {
        try lock.withLock { try writer?.write(batch) }
    }

    public func endOfRows() throws {}

    /// Writes out what is buffered. Call once, after the run.
    public func finish() throws {
        try lock.withLock { try writer?.finish() }
    }
}
