import SluiceCore

/// Lookup (SSIS's, full cache): each input row's join columns looked up in a reference; rows
/// that match leave with the reference's returned columns added, the others as
/// ``NoMatchBehavior`` says.
///
/// ```swift
/// let lookup = Lookup(name: "Customer", joins: [.init("CustomerID", "ID")],
///                     returns: [.init("Name", as: "CustomerName")], noMatch: .noMatchOutput,
///                     reference: .input)
/// ```
///
/// - The reference is either rows given up front (a query run by the Data Flow task) or a
///   second input, "reference": then the main input's batches are held until it has ended.
/// - The cache maps each distinct key to the first reference row that has it (a repeated key
///   is counted in ``duplicateReferenceKeys`` and reported once through ``onDuplicateKeys``).
///   As in SSIS's full cache mode, a NULL key matches a reference NULL.
/// - Per batch: the key columns are encoded and probed in one pass, then the rows of each
///   output are gathered a column at a time.
/// - Outputs: 0 match, 1 no match, 2 error (`ErrorCode` 70531, `ErrorColumn` 0).
public final class Lookup: FlowComponent {
    public enum NoMatchBehavior: String, Sendable, CaseIterable {
        /// Rows without a match leave by the no match output.
        case noMatchOutput
        /// A row without a match fails the component.
        case failComponent
        /// Rows without a match leave by the error output.
        case redirectRow
        /// Rows without a match leave by the match output with NULL returned columns.
        case ignoreFailure
    }

    public enum Reference: Sendable {
        /// The rows of the second input.
        case input
        /// Rows loaded before the flow (a query's result).
        case rows([ColumnBatch])
    }

    /// An input column and the reference column it must equal.
    public struct Join: Sendable, Hashable {
        public let input: String
        public let reference: String
        public init(_ input: String, _ reference: String) {
            self.input = input
            self.reference = reference
        }
    }

    /// A reference column added to matched rows, under its output name (the type, when given,
    /// serves for NULLs when the reference has no rows).
    public struct Returned: Sendable, Hashable {
        public let reference: String
        public let name: String
        public let type: DataType?
        public let scale: Int
        public init(_ reference: String, as name: String? = nil, type: DataType? = nil, scale: Int = 0) {
            self.reference = reference
            self.name = name ?? reference
            self.type = type
            self.scale = scale
        }
    }

    public static let matchOutput = 0, noMatchOutput = 1, errorOutput = 2

    public let inputCount: Int
    public let outputs = [
        OutputDescription("Lookup Match Output", synchronousInput: 0, exclusionGroup: 1),
        OutputDescription("Lookup No Match Output", synchronousInput: 0, exclusionGroup: 1),
        OutputDescription("Lookup Error Output", synchronousInput: 0, isError: true, exclusionGroup: 1),
    ]
    public let name: String
    public let joins: [Join]
    public let returns: [Returned]
    public let noMatch: NoMatchBehavior
    /// Called once the cache is complete, when some reference rows repeated a key.
    public var onDuplicateKeys: (@Sendable (Int) -> Void)?

    private let cache: LookupCache
    private var referenceComplete: Bool
    private var held: [ColumnBatch] = []
    private var rowsSeen = 0

    public init(name: String, joins: [Join], returns: [Returned], noMatch: NoMatchBehavior, reference: Reference) {
        self.name = name
        self.joins = joins
        self.returns = returns
        self.noMatch = noMatch
        cache = LookupCache(component: name, keys: joins.map(\.reference))
        switch reference {
        case .input:
            inputCount = 2
            referenceComplete = false
        case .rows(let batches):
            inputCount = 1
            referenceComplete = true
            preloaded = batches
        }
    }

    private var preloaded: [ColumnBatch] = []

    /// Reference rows whose key an earlier row already had.
    public var duplicateReferenceKeys: Int { cache.duplicates }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        try loadPreloaded()
        if input == 1 { return try cache.add(batch) }
        guard referenceComplete else { return held.append(batch) }
        try look(batch, emitter)
    }

    public func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {
        try loadPreloaded()
        guard input == 1 else { return }
        referenceComplete = true
        if cache.duplicates > 0 { onDuplicateKeys?(cache.duplicates) }
        let waiting = held
        held = []
        for batch in waiting { try look(batch, emitter) }
    }

    private func loadPreloaded() throws {
        guard !preloaded.isEmpty else { return }
        guard joins.count <= 64, !joins.isEmpty else {
            throw SluiceError(.joinKeysInvalid, ["component": name, "reason": "a lookup joins on 1 to 64 columns, not \(joins.count)"])
        }
        let batches = preloaded
        preloaded = []
        for b in batches { try cache.add(b) }
        if cache.duplicates > 0 { onDuplicateKeys?(cache.duplicates) }
    }

    private func look(_ batch: ColumnBatch, _ emitter: BatchEmitter) throws {
        guard joins.count <= 64, !joins.isEmpty else {
            throw SluiceError(.joinKeysInvalid, ["component": name, "reason": "a lookup joins on 1 to 64 columns, not \(joins.count)"])
        }
        let first = rowsSeen
        rowsSeen += batch.length
        let keys = try joins.map { try batch.column($0.input, for: name) }
        let ids = try cache.probe(keys, names: joins.map(\.input), rows: batch.length)
        var matched: [Int32] = [], unmatched: [Int32] = []
        var picks: [RowPick] = []
        matched.reserveCapacity(batch.length)
        picks.reserveCapacity(batch.length)
        let firstRows = cache.firstRows
        let nullSource = cache.batches.count
        for r in 0..<ids.count {
            let id = Int(ids[r])
            if id >= 0 {
                matched.append(Int32(truncatingIfNeeded: r))
                picks.append(firstRows[id])
            } else if noMatch == .ignoreFailure {
                matched.append(Int32(truncatingIfNeeded: r))
                picks.append(RowPick(source: nullSource, row: 0))
            } else {
                unmatched.append(Int32(truncatingIfNeeded: r))
            }
        }
        if !unmatched.isEmpty {
            switch noMatch {
            case .failComponent:
                throw SluiceError(.lookupNoMatch, ["component": name, "row": String(first + Int(unmatched[0]) + 1)])
            case .noMatchOutput:
                try emitter.emit(try unmatched.withUnsafeBufferPointer { try batch.gathering($0) }, to: Self.noMatchOutput)
            case .redirectRow:
                var errors = ErrorRows()
                for r in unmatched { errors.add(row: Int(r), code: SluiceMessage.lookupNoMatch.code, column: 0) }
                if let rows = try errors.batch(from: batch) { try emitter.emit(rows, to: Self.errorOutput) }
            case .ignoreFailure: break
            }
        }
        guard !matched.isEmpty else { return }
        var result = try matched.withUnsafeBufferPointer { try batch.gathering($0) }
        try picks.withUnsafeBufferPointer { p in
            for c in returns {
                let sources = try cache.sources(c.reference, type: c.type, scale: c.scale)
                result = try result.setting(c.name, try Column.checkedPicking(p, from: sources, component: name, column: c.name))
            }
        }
        try emitter.emit(result, to: Self.matchOutput)
    }
}
