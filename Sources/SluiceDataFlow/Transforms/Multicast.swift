import SluiceCore

/// Multicast: every batch to every output (the same immutable batch, not a copy).
public final class Multicast: FlowComponent {
    public let inputCount = 1
    public let outputs: [OutputDescription]

    public init(outputCount: Int) {
        outputs = (0..<max(outputCount, 0)).map { OutputDescription("Multicast Output \($0 + 1)", synchronousInput: 0) }
    }

    public func receive(_ batch: ColumnBatch, on input: Int, _ emitter: BatchEmitter) throws {
        for output in outputs.indices { try emitter.emit(batch, to: output) }
    }
}
