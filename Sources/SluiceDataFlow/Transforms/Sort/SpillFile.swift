import Foundation
import SluiceCore

/// One sorted run of a ``Sort`` on disk: batches written one after another, read back one at
/// a time for the merge.
///
/// The file is unlinked the moment it is created, so only the open descriptor keeps it: it
/// disappears when ``SpillFile`` is freed (or the process dies), whether the sort succeeded,
/// failed or was canceled, and no other process can open it. The descriptor is closed in
/// `deinit` (one owner per handle).
final class SpillFile {
    struct Chunk {
        let offset: Int
        let byteCount: Int
        let rows: Int
    }

    private let fd: Int32
    private let component: String
    private let directory: String
    private var end = 0
    private(set) var chunks: [Chunk] = []

    /// mkstemp's pattern: it replaces the six trailing X with a unique suffix and creates the
    /// file (O_EXCL, mode 0600).
    private static let uniqueNamePattern = "sluice-sort-XXXXXX"

    init(directory: String, component: String) throws {
        self.component = component
        self.directory = directory
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        var template = Array(prefix.utf8CString.dropLast()) + Array(Self.uniqueNamePattern.utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { $0.baseAddress.map { mkstemp($0) } ?? -1 }
        guard fd >= 0 else { throw SluiceError(.sortSpillFailed, ["component": component, "operation": "create", "directory": directory, "reason": String(cString: strerror(errno))]) }
        // Gone from the directory at once: the descriptor is the file's only owner.
        _ = template.withUnsafeBufferPointer { $0.baseAddress.map { unlink($0) } }
        self.fd = fd
    }

    deinit { close(fd) }

    /// Appends `batch` (columns in the sort's schema order).
    func append(_ batch: ColumnBatch) throws {
        var bytes: [UInt8] = []
        func put(_ buffer: ColumnBuffer?, _ count: Int) {
            withUnsafeBytes(of: Int64(buffer == nil ? -1 : count).littleEndian) { bytes.append(contentsOf: $0) }
            if let buffer { bytes.append(contentsOf: UnsafeRawBufferPointer(start: buffer.bytes, count: count)) }
        }
        for column in batch.columns {
            put(column.validityBuffer, Column.bitmapBytes(column.length))
            put(column.valueBuffer, column.valueBuffer.byteCount)
            if column.layout == .variableWidth { put(column.offsetBuffer, 4 * (column.length + 1)) }
        }
        try bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pwrite(fd, raw.baseAddress! + done, raw.count - done, off_t(end + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw failure("write", n < 0 ? String(cString: strerror(errno)) : "no space written") }
                done += n
            }
        }
        chunks.append(Chunk(offset: end, byteCount: bytes.count, rows: batch.length))
        end += bytes.count
    }

    /// Reads chunk `index` back as a batch of `schema`, checking every size before wrapping it.
    func read(_ index: Int, schema: [(name: String, type: DataType, scale: Int)]) throws -> ColumnBatch {
        let chunk = chunks[index]
        var bytes = [UInt8](repeating: 0, count: chunk.byteCount)
        try bytes.withUnsafeMutableBytes { raw in
            var done = 0
            while done < raw.count {
                let n = pread(fd, raw.baseAddress! + done, raw.count - done, off_t(chunk.offset + done))
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { throw failure("read", n < 0 ? String(cString: strerror(errno)) : "the file is shorter than written") }
                done += n
            }
        }
        var at = 0
        func take(atLeast minimum: Int) throws -> ColumnBuffer? {
            guard at + 8 <= bytes.count else { throw failure("read", "a chunk ends early") }
            let count = Int(Int64(littleEndian: bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: at, as: Int64.self) }))
            at += 8
            if count == -1 { return nil }
            guard count >= minimum, count <= bytes.count - at else { throw failure("read", "a buffer has a wrong size") }
            let buffer = bytes.withUnsafeBytes { ColumnBuffer(copying: UnsafeRawBufferPointer(rebasing: $0[at..<(at + count)])) }
            at += count
            return buffer
        }
        let n = chunk.rows
        let columns = try schema.map { column -> (String, Column) in
            let layout = column.type.columnLayout ?? .bits
            let validity = try take(atLeast: Column.bitmapBytes(n))
            let valueMinimum = switch layout {
            case .bits: Column.bitmapBytes(n)
            case .fixedWidth(let w): w * n
            case .variableWidth: 0
            }
            guard let values = try take(atLeast: valueMinimum) else { throw failure("read", "a values buffer is missing") }
            var offsets: ColumnBuffer?
            if layout == .variableWidth {
                guard let o = try take(atLeast: 4 * (n + 1)) else { throw failure("read", "an offsets buffer is missing") }
                let typed = o.typed(Int32.self, count: n + 1)
                var previous: Int32 = 0
                for i in 0...n {
                    guard typed[i] >= previous, Int(typed[i]) <= values.byteCount, i > 0 || typed[i] == 0 else { throw failure("read", "offsets out of order") }
                    previous = typed[i]
                }
                offsets = o
            }
            return (column.name, Column(column.type, length: n, validity: validity, values: values, offsets: offsets, decimalScale: column.scale))
        }
        return try ColumnBatch(columns)
    }

    private func failure(_ operation: String, _ reason: String) -> SluiceError {
        SluiceError(.sortSpillFailed, ["component": component, "operation": operation, "directory": directory, "reason": reason])
    }
}
