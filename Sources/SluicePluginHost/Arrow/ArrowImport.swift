import CSluiceABI
import Foundation
import SluiceCore

/// Imports a plugin's Arrow batch (a struct array and its schema) as a ``ColumnBatch`` without
/// copying a buffer: each ``Column`` wraps the plugin's memory and keeps the batch's
/// ``ArrowArrayOwner`` alive, so `release` runs exactly once, when the last column goes.
///
/// ```swift
/// let owner = try ArrowArrayOwner.take(&plugin_array, origin: origin)   // moved: plugin's release is NULL
/// let batch = try ArrowImport.batch(owner, schema: &schema, origin: origin)
/// ```
///
/// Everything is checked before a buffer is wrapped, so a malformed batch is a coded error and
/// never a trap: the schema ("+s", names, formats with a Sluice type), then each column: length
/// equal to the batch's, offset 0, no children or dictionary, the buffer count of its type,
/// null_count in range, buffers present and aligned, string offsets non-negative and monotonic.
/// The data bytes of a string column are not read here: their extent is the last offset, as
/// the Arrow C Data Interface defines it (it carries no buffer sizes to check against).
package enum ArrowImport {
    /// The most columns in a batch the host accepts.
    package static let maximumColumns = 4096

    /// The columns a struct schema declares (names and Sluice types), checked.
    package static func columns(of schema: UnsafePointer<ArrowSchema>, origin: ArrowOrigin) throws -> [(name: String, type: ArrowFormat.ColumnType)] {
        let s = schema.pointee
        let invalid = { (column: String, reason: String) in
            SluiceError(.arrowSchemaInvalid, ["component": origin.component, "where": origin.place, "column": column, "reason": reason])
        }
        guard s.release != nil else {
            throw SluiceError(.arrowArrayReleased, ["component": origin.component, "where": origin.place, "structure": "schema"])
        }
        guard let format = text(s.format, limit: 64), format == "+s" else {
            throw invalid("", "a batch's schema must be a struct (format \"+s\")")
        }
        guard (0...Int64(maximumColumns)).contains(s.n_children) else { throw invalid("", "n_children \(s.n_children) is out of 0...\(maximumColumns)") }
        guard s.n_children == 0 || s.children != nil else { throw invalid("", "n_children is \(s.n_children) but children is NULL") }
        var columns: [(name: String, type: ArrowFormat.ColumnType)] = []
        var seen = Set<String>()
        for i in 0..<Int(s.n_children) {
            guard let childPointer = s.children?[i] else { throw invalid("#\(i)", "children[\(i)] is NULL") }
            let child = childPointer.pointee
            guard let name = text(child.name, limit: 4096), !name.isEmpty else { throw invalid("#\(i)", "the column has no name (NULL, empty, not UTF-8 or longer than 4096 bytes)") }
            guard seen.insert(name).inserted else { throw invalid(name, "two columns share the name") }
            guard child.n_children == 0, child.dictionary == nil else { throw invalid(name, "nested and dictionary columns are not supported") }
            guard let childFormat = text(child.format, limit: 64) else { throw invalid(name, "format is NULL or not a short UTF-8 string") }
            guard let type = ArrowFormat.columnType(childFormat) else {
                throw SluiceError(.arrowFormatUnsupported, ["component": origin.component, "where": origin.place, "column": name, "format": childFormat])
            }
            columns.append((name, type))
        }
        return columns
    }

    /// The batch `owner` holds, described by `schema` (borrowed: not released here).
    package static func batch(_ owner: ArrowArrayOwner, schema: UnsafePointer<ArrowSchema>, origin: ArrowOrigin) throws -> ColumnBatch {
        let declared = try columns(of: schema, origin: origin)
        let a = owner.array.pointee
        let invalid = { (column: String, reason: String) in
            SluiceError(.arrowArrayInvalid, ["component": origin.component, "where": origin.place, "column": column, "reason": reason])
        }
        guard a.length >= 0, a.length <= Int64(Int32.max) else { throw invalid("", "length \(a.length) is out of 0...\(Int32.max)") }
        guard a.offset == 0 else { throw invalid("", "offset \(a.offset): a batch must start at offset 0") }
        guard a.n_children == Int64(declared.count) else {
            throw invalid("", "the array has \(a.n_children) children but the schema \(declared.count) columns")
        }
        guard a.n_buffers == 1, a.buffers != nil else { throw invalid("", "a struct array has exactly 1 buffer (n_buffers is \(a.n_buffers))") }
        guard a.buffers?[0] == nil || a.null_count == 0 else { throw invalid("", "a batch's rows cannot be NULL (null_count \(a.null_count))") }
        guard a.dictionary == nil, declared.isEmpty || a.children != nil else { throw invalid("", "children is NULL or a dictionary is set") }
        let length = Int(a.length)
        var columns: [(name: String, column: Column)] = []
        columns.reserveCapacity(declared.count)
        for (i, c) in declared.enumerated() {
            guard let child = a.children?[i] else { throw invalid(c.name, "children[\(i)] is NULL") }
            let column = try ColumnImport(owner: owner, array: child.pointee, length: length, type: c.type) { invalid(c.name, $0) }.column()
            columns.append((c.name, column))
        }
        return try ColumnBatch(columns)
    }

    /// A C string of at most `limit` bytes, valid UTF-8; nil when NULL, too long or not UTF-8.
    static func text(_ p: UnsafePointer<CChar>?, limit: Int) -> String? {
        guard let p else { return nil }
        let count = strnlen(p, limit + 1)
        guard count <= limit else { return nil }
        return String(validating: UnsafeRawBufferPointer(start: p, count: count), as: UTF8.self)
    }
}
