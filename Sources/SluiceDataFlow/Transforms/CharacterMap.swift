import SluiceCore

/// Character Map: upper or lower case of string columns, in place or into a new column.
///
/// ```swift
/// let map = CharacterMap(name: "Case", [.init("Name", .upper), .init("Code", .lower, as: "CodeLower")])
/// ```
/// A batch whose strings are all ASCII is mapped byte by byte (offsets and NULLs shared with the
/// input); otherwise each string is mapped with Swift's Unicode case rules.
public final class CharacterMap: FlowComponent {
    public enum Operation: String, Sendable { case upper, lower }

    public struct Mapping: Sendable {
        public let column: String
        public let operation: Operation
        /// The new column's name; nil replaces the input column.
        public let output: String?

        public init(_ column: String, _ operation: Operation, as output: String? = nil) {
            self.column = column
            self.operation = operation
            self.output = output
        }
    }

    public let inputCount = 1
    public let outputs = [OutputDescription("Character Map Output", synchronousInput: 0)]
    private let name: String
    private let mappings: [Mapping]

    public init(name: String, _ mappings: [Mapping]) {
        self.name = name
        self.mappings = mappings
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        var result = batch
        for m in mappings {
            let column = try batch.column(m.column, for: name)
            guard [.str, .wstr, .text, .ntext].contains(column.dataType) else {
                throw SluiceError(.dataFlowColumnType, [
                    "component": name, "column": m.column, "reason": "Character Map needs a string column, not \(column.dataType.rawValue)",
                ])
            }
            result = try result.setting(m.output ?? m.column, try Self.map(column, m.operation, component: name, columnName: m.column))
        }
        try emitter.emit(result, to: 0)
    }

    static func map(_ column: Column, _ operation: Operation, component: String, columnName: String) throws -> Column {
        let byteCount = Int(column.offsets[column.length])
        let source = UnsafeRawPointer(column.valueBuffer.bytes)
        if isASCII(source, byteCount) {
            let data = ColumnBuffer(byteCount: byteCount, zeroed: false)
            let from = source.assumingMemoryBound(to: UInt8.self)
            let to = data.bytes.assumingMemoryBound(to: UInt8.self)
            // 'a'...'z' and 'A'...'Z' differ by bit 0x20.
            if operation == .upper {
                for i in 0..<byteCount { let b = from[i]; to[i] = b &- 97 < 26 ? b ^ 0x20 : b }
            } else {
                for i in 0..<byteCount { let b = from[i]; to[i] = b &- 65 < 26 ? b ^ 0x20 : b }
            }
            return withExtendedLifetime(column) {
                Column(column.dataType, length: column.length, validity: column.validityBuffer, values: data, offsets: column.offsetBuffer)
            }
        }
        var strings: [String?] = []
        strings.reserveCapacity(column.length)
        var total = 0
        for row in 0..<column.length {
            guard column.isValid(row) else { strings.append(nil); continue }
            let text = String(decoding: column.bytes(at: row), as: UTF8.self)
            let mapped = operation == .upper ? text.uppercased() : text.lowercased()
            total += mapped.utf8.count
            strings.append(mapped)
        }
        // Case mapping can lengthen a string (ß -> SS): the column must still fit int32 offsets.
        guard total <= Int(Int32.max) else {
            throw SluiceError(.dataFlowColumnType, ["component": component, "column": columnName, "reason": "the mapped strings exceed 2 GiB in one batch"])
        }
        return Column(strings, as: column.dataType)
    }

    private static func isASCII(_ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        var high: UInt64 = 0
        let words = count / 8
        for w in 0..<words { high |= bytes.loadUnaligned(fromByteOffset: w * 8, as: UInt64.self) }
        for i in (words * 8)..<count { high |= UInt64(bytes.load(fromByteOffset: i, as: UInt8.self)) }
        return high & 0x8080_8080_8080_8080 == 0
    }
}
