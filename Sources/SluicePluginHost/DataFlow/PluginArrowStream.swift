import CSluiceABI
import SluiceCore

/// One owner of the `ArrowArrayStream` a source's `open_stream` filled: read batch by batch,
/// released exactly once (at its end, or when the owner goes on failure or cancel).
final class PluginArrowStream {
    private let stream = UnsafeMutablePointer<ArrowArrayStream>.allocate(capacity: 1)
    private let origin: ArrowOrigin

    /// Moves the filled stream; a stream without `get_next` or `release` is refused (and released when it can be).
    init(moving source: UnsafeMutablePointer<ArrowArrayStream>, origin: ArrowOrigin) throws {
        stream.initialize(to: source.pointee)
        source.pointee.release = nil
        self.origin = origin
        guard stream.pointee.release != nil, stream.pointee.get_next != nil else {
            throw SluiceError(.dataFlowPluginStreamFailed, ["component": origin.component, "reason": "open_stream gave a stream without get_next or release"])
        }
    }

    /// The next batch moved out of the stream, or nil at its end.
    func next() throws -> ArrowArrayOwner? {
        guard let getNext = stream.pointee.get_next else { return nil }
        var array = ArrowArray()
        let status = getNext(stream, &array)
        guard status == 0 else {
            let said = stream.pointee.get_last_error.flatMap { ArrowImport.text($0(stream), limit: 1024) } ?? "no message"
            throw SluiceError(.dataFlowPluginStreamFailed, ["component": origin.component, "reason": "get_next returned \(status): \(said)"])
        }
        guard array.release != nil else { return nil }  // the end of the stream
        return ArrowArrayOwner(moving: &array)
    }

    deinit {
        if let release = stream.pointee.release { release(stream) }
        stream.deallocate()
    }
}
