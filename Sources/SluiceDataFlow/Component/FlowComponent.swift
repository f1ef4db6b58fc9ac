import SluiceCore

/// A data flow component as the engine drives it: one batch at a time, never one row.
///
/// ```swift
/// final class Doubler: FlowComponent {
///     let inputCount = 1
///     let outputs = [OutputDescription("Output", synchronousInput: 0)]
///     func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
///         try emitter.emit(batch, to: 0)
///     }
/// }
/// ```
///
/// - Sources (`inputCount == 0`) have ``produce(_:)`` called until it returns false; each call
///   emits a few batches (usually one of at most ``BatchEmitter/maxRows`` rows).
/// - Transforms and destinations have ``receive(_:on:_:)`` called for every batch on each input,
///   then ``endOfInput(_:_:)`` once per input when its upstream has finished. They may emit to
///   ANY of their outputs from either call (Conditional Split, Multicast; an asynchronous output
///   such as Sort emits from ``endOfInput(_:_:)``).
///
/// The engine calls a component from one worker thread at a time (its calls are serialized, with
/// the memory effects of each visible to the next), so a component needs no lock of its own.
/// Different components run at the same time on different workers.
public protocol FlowComponent: AnyObject {
    /// The number of inputs: 0 for a source.
    var inputCount: Int { get }
    /// The outputs, in order; ``BatchEmitter/emit(_:to:)`` names them by position.
    var outputs: [OutputDescription] { get }

    /// Emits the next batches of a source. Returns false once the source has no more rows.
    func produce(_ emitter: BatchEmitter) throws -> Bool
    /// Handles one batch arriving on `input`.
    func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws
    /// Called once for each input after its last batch.
    func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws
}

extension FlowComponent {
    public func produce(_ emitter: BatchEmitter) throws -> Bool { false }
    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {}
    public func endOfInput(_ input: Int, _ emitter: BatchEmitter) throws {}
}

/// One output of a component.
public struct OutputDescription: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The rows of a batch of input `input`, columns added or replaced (Derived Column).
        case synchronous(input: Int)
        /// New batches, not tied to an input batch (Union All, Sort, sources).
        case asynchronous
    }

    public let name: String
    public let kind: Kind
    /// An error output: its rows carry `ErrorCode` and `ErrorColumn` (``ErrorRows``).
    public let isError: Bool
    /// Outputs that share a group get each row at most once among them (Conditional Split).
    public let exclusionGroup: Int?

    public init(_ name: String, kind: Kind = .asynchronous, isError: Bool = false, exclusionGroup: Int? = nil) {
        self.name = name
        self.kind = kind
        self.isError = isError
        self.exclusionGroup = exclusionGroup
    }

    /// A synchronous output of `input`.
    public init(_ name: String, synchronousInput input: Int, isError: Bool = false, exclusionGroup: Int? = nil) {
        self.init(name, kind: .synchronous(input: input), isError: isError, exclusionGroup: exclusionGroup)
    }
}
