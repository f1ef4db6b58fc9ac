import Foundation
import SluiceCore
import Testing

@testable import SluiceCSV

/// A fresh directory for one test, removed when the test is done.
final class TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "sluice-csv-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let p = path + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    func file(_ name: String, _ text: String) throws -> String { try file(name, Array(text.utf8)) }

    func contents(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: path + "/" + name))) }

    var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }
}

/// Every batch of a file, and all rows of each column as values.
func readAll(_ path: String, _ columns: [CSVColumn], _ options: CSVOptions = CSVOptions()) throws -> (batches: [ColumnBatch], values: [[Value]]) {
    let reader = try CSVReader(path: path, columns: columns, options: options)
    var batches: [ColumnBatch] = []
    while let b = try reader.nextBatch() { batches.append(b) }
    var values = Array(repeating: [Value](), count: columns.count)
    for b in batches {
        for (k, c) in b.columns.enumerated() { values[k] += c.allValues }
    }
    return (batches, values)
}

/// The error a throwing call raises, as a SluiceError (nil when it does not throw one).
func sluiceError(_ body: () throws -> Void) -> SluiceError? {
    do {
        try body()
        return nil
    } catch let e as SluiceError {
        return e
    } catch {
        return nil
    }
}
