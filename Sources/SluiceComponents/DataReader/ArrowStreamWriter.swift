import Foundation
import SluiceCore

/// Writes a DataReader output as an Arrow IPC stream (the format `pyarrow.ipc.open_stream`
/// reads): a Schema message, a RecordBatch message per batch, the end-of-stream marker.
///
/// The columns are already Arrow arrays (``Column``), so a batch is written straight from their
/// buffers: metadata, then each buffer padded to 8 bytes. No value is formatted.
///
/// ```swift
/// let arrow = ArrowStreamWriter(fileDescriptor: STDOUT_FILENO, name: "Orders")
/// options.dataReaders = DataReaderOutputs(["Orders": arrow])
/// _ = runner.run(package, options: options)
/// try arrow.finish()
/// ```
public final class ArrowStreamWriter: DataReaderConsumer, @unchecked Sendable {
    // @unchecked Sendable: the destination calls one consumer from one worker at a time, and
    // `finish` comes after the run; `lock` orders those calls' memory effects.
    private let output: DescriptorOutput
    private let lock = NSLock()
    private var columns: [DataReaderColumn]?

    /// Writes to `fd`, which the caller keeps owning; `name` is the output's, for errors.
    public init(fileDescriptor fd: Int32, name: String) {
        output = DescriptorOutput(fd: fd, name: name, format: "arrow")
    }

    public func begin(_ columns: [DataReaderColumn]) throws {
        try lock.withLock {
            if let written = self.columns {
                guard written == columns else { throw failure("a later run of its data flow sends other columns than the first") }
                return
            }
            var fields: [(name: String, id: UInt8, table: FlatObject)] = []
            for c in columns {
                guard let type = ArrowIPC.type(of: c.type, scale: c.scale) else {
                    throw SluiceError(.dataReaderColumnUnsupported, ["name": output.name, "column": c.name, "type": c.type.rawValue, "format": "arrow"])
                }
                fields.append((c.name, type.id, type.table))
            }
            try writeMessage(ArrowIPC.schemaMessage(fields))
            self.columns = columns
        }
    }

    public func receive(_ batch: ColumnBatch, isCanceled: () -> Bool) throws {
        try lock.withLock { try withExtendedLifetime(batch) { try writeBatch(batch) } }
    }

    public func endOfRows() throws {}

    /// Writes the end-of-stream marker and what is buffered. Call once, after the run.
    public func finish() throws {
        try lock.withLock {
            try output.write(ArrowIPC.endOfStream)
            try output.flush()
        }
    }

    /// One buffer of the body: where its bytes are (nil: none) and how many.
    private struct Piece {
        let bytes: UnsafeRawPointer?
        let count: Int
    }

    private func writeBatch(_ batch: ColumnBatch) throws {
        var nodes: [(Int, Int)] = []
        var pieces: [Piece] = []
        for (name, column) in zip(batch.names, batch.columns) {
            let n = column.length
            let nulls = column.nullCount
            nodes.append((n, nulls))
            let validity = nulls == 0 ? nil : column.validityBuffer.map { UnsafeRawPointer($0.bytes) }
            pieces.append(Piece(bytes: validity, count: validity == nil ? 0 : Column.bitmapBytes(n)))
            let values = UnsafeRawPointer(column.valueBuffer.bytes)
            switch column.dataType.columnLayout {
            case .bits: pieces.append(Piece(bytes: values, count: Column.bitmapBytes(n)))
            case .fixedWidth(let width): pieces.append(Piece(bytes: values, count: width * n))
            case .variableWidth:
                // The offsets come from the engine's own columns; checked anyway, as a reader
                // trusts them to stay inside the data buffer.
                let offsets = column.offsets
                let end = Int(offsets[n])
                guard offsets[0] >= 0, end >= Int(offsets[0]), end <= column.valueBuffer.byteCount else {
                    throw failure("column [\(name)] has offsets outside its data")
                }
                pieces.append(Piece(bytes: UnsafeRawPointer(column.offsetBuffer?.bytes), count: 4 * (n + 1)))
                pieces.append(Piece(bytes: values, count: end))
            case nil:
                throw SluiceError(.dataReaderColumnUnsupported, ["name": output.name, "column": name, "type": column.dataType.rawValue, "format": "arrow"])
            }
        }
        var buffers: [(Int, Int)] = []
        var offset = 0
        for p in pieces {
            buffers.append((offset, p.count))
            offset += Self.padded(p.count)
        }
        try writeMessage(ArrowIPC.recordBatchMessage(length: batch.length, nodes: nodes, buffers: buffers, bodyLength: offset))
        for p in pieces {
            if let bytes = p.bytes { try output.write(bytes, p.count) }
            try output.writeZeros(Self.padded(p.count) - p.count)
        }
    }

    private func writeMessage(_ metadata: [UInt8]) throws {
        try output.write(ArrowIPC.prefix(metadataLength: metadata.count))
        try output.write(metadata)
    }

    private static func padded(_ n: Int) -> Int { (n + 7) & ~7 }

    private func failure(_ reason: String) -> SluiceError {
        SluiceError(.dataReaderWriteFailed, ["name": output.name, "format": "arrow", "reason": reason])
    }
}
