import SluiceCore

/// The record batches reaching one DataReader output, in order; ends when the run ends (nil on
/// success, the run's error, `SLUICE_E_DATAREADER_RUN_FAILED`, otherwise).
///
/// ```swift
/// for try await batch in try run.batches("Orders") { print(batch.length) }
/// ```
/// Leaving the loop before the end (or canceling the task reading) cancels the run.
public struct DataReaderBatches: AsyncSequence, Sendable {
    public typealias Element = ColumnBatch
    let channel: DataReaderChannel

    public func makeAsyncIterator() -> Iterator { Iterator(channel) }

    /// Reads the output; dropping it before the end stops the reader and cancels the run.
    public final class Iterator: AsyncIteratorProtocol {
        private let channel: DataReaderChannel
        private var done = false

        init(_ channel: DataReaderChannel) { self.channel = channel }

        deinit {
            if !done { channel.stopReading() }
        }

        public func next() async throws -> ColumnBatch? {
            guard !done else { return nil }
            do {
                if let batch = try await channel.next() { return batch }
                done = true
                return nil
            } catch {
                done = true
                throw error
            }
        }
    }
}

/// One row of a DataReader output: values by column name or position.
public struct DataReaderRow: Sendable {
    /// The column names, in order (shared by the rows of a batch).
    public let names: [String]
    public let values: [Value]

    public subscript(name: String) -> Value? { names.firstIndex(of: name).map { values[$0] } }
    public subscript(position: Int) -> Value { values[position] }
}

/// The rows reaching one DataReader output, one by one: a convenience over
/// ``DataReaderBatches`` that turns each value into a ``Value`` (the slow path; read batches
/// for speed).
public struct DataReaderRows: AsyncSequence, Sendable {
    public typealias Element = DataReaderRow
    let batches: DataReaderBatches

    public func makeAsyncIterator() -> Iterator { Iterator(batches.makeAsyncIterator()) }

    public final class Iterator: AsyncIteratorProtocol {
        private let batches: DataReaderBatches.Iterator
        private var batch: ColumnBatch?
        private var row = 0

        init(_ batches: DataReaderBatches.Iterator) { self.batches = batches }

        public func next() async throws -> DataReaderRow? {
            while true {
                if let batch, row < batch.length {
                    defer { row += 1 }
                    return DataReaderRow(names: batch.names, values: batch.columns.map { $0.value(at: row) })
                }
                guard let next = try await batches.next() else { return nil }
                batch = next
                row = 0
            }
        }
    }
}
