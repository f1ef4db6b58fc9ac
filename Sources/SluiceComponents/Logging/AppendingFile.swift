import Foundation
import SluiceCore

/// Appends lines to a log file shared with concurrent runs (see ``AppendOnlyFile``): opened
/// when the run starts, closed when it ends.
final class AppendingFile: @unchecked Sendable {
    private let path: String
    private let lock = NSLock()
    private var file: AppendOnlyFile?

    init(path: String) { self.path = path }

    func open(header: String?) throws {
        let opened = try AppendOnlyFile(path: path, header: header)  // the router names the provider
        lock.lock()
        file = opened
        lock.unlock()
    }

    func append(_ line: String) throws {
        lock.lock()
        let file = self.file
        lock.unlock()
        try file?.append(line)
    }

    func close() {
        lock.lock()
        file?.close()
        file = nil
        lock.unlock()
    }
}
