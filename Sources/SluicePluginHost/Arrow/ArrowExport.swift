import CSluiceABI
import Foundation
import SluiceCore

/// Exports a ``ColumnBatch`` as an Arrow struct array and its schema, without copying a buffer:
/// the array's `private_data` keeps the columns alive until the consumer calls `release`.
///
/// ```swift
/// var array = ArrowArray(), schema = ArrowSchema()
/// ArrowExport.schema(of: batch, into: &schema)
/// ArrowExport.array(of: batch, into: &array)      // the consumer releases each exactly once
/// ```
///
/// Each child (column) carries its own `release` and keeps its own column alive, so a consumer
/// may move a child out and release it after the parent (Arrow's rule). The parent's `release`
/// releases the children still in place.
package enum ArrowExport {
    package static func array(of batch: ColumnBatch, into out: UnsafeMutablePointer<ArrowArray>) {
        let exported = ExportedBatch(batch)
        out.initialize(to: ArrowArray(
            length: Int64(batch.length), null_count: 0, offset: 0, n_buffers: 1, n_children: Int64(batch.columns.count),
            buffers: UnsafeMutablePointer(mutating: exported.buffers), children: exported.children, dictionary: nil,
            release: { array in
                guard let array, let privateData = array.pointee.private_data else { return }
                let exported = Unmanaged<ExportedBatch>.fromOpaque(privateData)
                exported.takeUnretainedValue().releaseChildren()
                exported.release()
                array.pointee.release = nil
            },
            private_data: Unmanaged.passRetained(exported).toOpaque()))
    }

    package static func schema(of batch: ColumnBatch, into out: UnsafeMutablePointer<ArrowSchema>) {
        schema(columns: zip(batch.names, batch.columns).map { ($0, $1.arrowFormat) }, into: out)
    }

    /// A struct schema of named columns, each with its Arrow format (an input schema given
    /// before any batch exists, for `negotiate`).
    package static func schema(columns: [(name: String, format: String)], into out: UnsafeMutablePointer<ArrowSchema>) {
        let exported = ExportedSchema(format: "+s", name: "", children: columns.map { ($0.name, $0.format) })
        out.initialize(to: exported.schema(flags: 0))
    }
}

/// What an exported batch's parent struct owns: the children structs and the pointer arrays.
private final class ExportedBatch {
    let buffers: UnsafeMutablePointer<UnsafeRawPointer?>
    let children: UnsafeMutablePointer<UnsafeMutablePointer<ArrowArray>?>
    let count: Int

    init(_ batch: ColumnBatch) {
        count = batch.columns.count
        buffers = .allocate(capacity: 1)
        buffers.initialize(to: nil)
        children = .allocate(capacity: max(count, 1))
        for (i, column) in batch.columns.enumerated() {
            let child = UnsafeMutablePointer<ArrowArray>.allocate(capacity: 1)
            let exported = ExportedColumn(column)
            child.initialize(to: ArrowArray(
                length: Int64(column.length), null_count: Int64(column.nullCount), offset: 0,
                n_buffers: Int64(exported.count), n_children: 0,
                buffers: UnsafeMutablePointer(mutating: exported.buffers), children: nil, dictionary: nil,
                release: { array in
                    guard let array, let privateData = array.pointee.private_data else { return }
                    Unmanaged<ExportedColumn>.fromOpaque(privateData).release()
                    array.pointee.release = nil
                },
                private_data: Unmanaged.passRetained(exported).toOpaque()))
            (children + i).initialize(to: child)
        }
    }

    /// Releases the children the consumer did not move out.
    func releaseChildren() {
        for i in 0..<count {
            if let child = children[i], let release = child.pointee.release { release(child) }
        }
    }

    deinit {
        for i in 0..<count { children[i]?.deallocate() }
        children.deallocate()
        buffers.deallocate()
    }
}

/// What one exported column owns: the column (its buffers) and the buffer pointer array.
private final class ExportedColumn {
    let column: Column
    let buffers: UnsafeMutablePointer<UnsafeRawPointer?>
    let count: Int

    init(_ column: Column) {
        self.column = column
        let list = column.arrowBuffers
        count = list.count
        buffers = .allocate(capacity: count)
        buffers.initialize(from: list, count: count)
    }

    deinit { buffers.deallocate() }
}

/// An exported schema node: its C strings and children, freed by its `release`.
private final class ExportedSchema {
    let format: UnsafeMutablePointer<CChar>
    let name: UnsafeMutablePointer<CChar>
    let children: UnsafeMutablePointer<UnsafeMutablePointer<ArrowSchema>?>
    let count: Int

    init(format: String, name: String, children columns: [(String, String)]) {
        self.format = strdup(format)
        self.name = strdup(name)
        count = columns.count
        children = .allocate(capacity: max(count, 1))
        for (i, (name, format)) in columns.enumerated() {
            let child = UnsafeMutablePointer<ArrowSchema>.allocate(capacity: 1)
            child.initialize(to: ExportedSchema(format: format, name: name, children: []).schema(flags: Int64(ARROW_FLAG_NULLABLE)))
            (children + i).initialize(to: child)
        }
    }

    func schema(flags: Int64) -> ArrowSchema {
        ArrowSchema(
            format: format, name: name, metadata: nil, flags: flags, n_children: Int64(count),
            children: count == 0 ? nil : children, dictionary: nil,
            release: { schema in
                guard let schema, let privateData = schema.pointee.private_data else { return }
                let exported = Unmanaged<ExportedSchema>.fromOpaque(privateData)
                for i in 0..<exported.takeUnretainedValue().count {
                    if let child = schema.pointee.children?[i], let release = child.pointee.release { release(child) }
                }
                exported.release()
                schema.pointee.release = nil
            },
            private_data: Unmanaged.passRetained(self).toOpaque())
    }

    deinit {
        for i in 0..<count { children[i]?.deallocate() }
        children.deallocate()
        free(format)
        free(name)
    }
}
