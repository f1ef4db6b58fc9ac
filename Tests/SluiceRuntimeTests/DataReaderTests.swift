import Foundation
import SluiceComponents
import SluiceCore
import SluiceRuntime
import SluiceTestSupport
import Testing

/// The DataReader destination read through the Swift API: a real CSV file through a real data
/// flow run on its own thread, read as an async sequence.
@Suite struct DataReaderTests {
    /// A CSV file of `rows` rows `id,name` (id 0..<rows); a row `bad` holds an id that is not a number.
    static func csv(rows: Int, bad: Int? = nil) throws -> String {
        let dir = try BuildProducts.temporaryDirectory("datareader")
        var text = "id,name\n"
        for i in 0..<rows { text += i == bad ? "oops,x\n" : "\(i),name \(i)\n" }
        let path = dir.appendingPathComponent("in.csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// A package: (optionally a task that waits until the file `gate` exists, then) a data flow
    /// reading `file` into DataReader destinations named `outputs`, batches of `batchRows` rows.
    static func package(_ file: String, outputs: [String] = ["Rows"], batchRows: Int = 100, gate: String? = nil) throws -> Package {
        var b = DataFlowBuilder(DataFlow(defaultBufferMaxRows: batchRows))
        let read = b.add("Read", component: "sluice.flatFileSource", properties: [("file", .string(file))])
        let rows = b.addOutput(to: read, columns: [.init("id", .i4), .init("name", .wstr, length: 50)])
        if outputs.count == 1 {
            let send = b.add("Send", component: "sluice.dataReaderDestination", properties: [("name", .string(outputs[0]))])
            try b.connect(rows, to: send, columns: ["id", "name"])
        } else {
            let fan = b.add("Fan", component: "sluice.multicast")
            let input = try b.connect(rows, to: fan)
            for (k, name) in outputs.enumerated() {
                let out = b.addOutput("Out \(k)", to: fan, synchronousInput: input)
                let send = b.add("Send \(k)", component: "sluice.dataReaderDestination", properties: [("name", .string(name))])
                try b.connect(out, to: send, columns: ["id", "name"])
            }
        }
        var package = Package(name: "Reader")
        package.executables = [.dataFlow("Flow", b.dataFlow)]
        if let gate {
            let wait = "while [ ! -e '\(gate)' ]; do sleep 0.02; done"
            package.executables.insert(
                .task("Wait", component: "sluice.executeProcess", properties: [("executable", "/bin/sh"), ("arguments", ["-c", .string(wait)])]),
                at: 0)
            package.root.connect("Wait", to: "Flow")
        }
        return package
    }

    /// The ids of the rows, checking each name.
    static func ids(_ rows: DataReaderRows) async throws -> [Int64] {
        var ids: [Int64] = []
        for try await row in rows {
            guard case .int(let id) = row["id"] else {
                Issue.record("id is \(String(describing: row["id"]))")
                break
            }
            #expect(row["name"] == .string("name \(id)"))
            ids.append(id)
        }
        return ids
    }

    static let runner: PackageRunner = PackageRunner(registry: BuiltInComponents.makeRegistry(pluginDirectories: []).0)

    @Test func everyRowArrivesInOrderAsBatchesAndAsRows() async throws {
        let file = try Self.csv(rows: 2_345)
        let run = try Self.runner.start(try Self.package(file, outputs: ["A", "B"]), reading: ["A", "B"])
        // Two outputs read at once: each gets every row, in order.
        let rowsOfB = try run.rows("B")
        async let idsOfB = Self.ids(rowsOfB)
        var ids: [Int32] = []
        var batches = 0
        for try await batch in try run.batches("A") {
            #expect(batch.names == ["id", "name"])
            ids += batch.columns[0].values(as: Int32.self)
            batches += 1
        }
        #expect(ids == (0..<2_345).map(Int32.init))
        #expect(batches >= 24, "batches of at most 100 rows")
        #expect(try await idsOfB == (0..<2_345).map(Int64.init))
        let result = await run.result()
        #expect(result.result == .success, "\(result.errors.map(\.message))")
    }

    @Test func aSlowReaderHoldsTheFlowBackWithAtMostTheBoundBuffered() async throws {
        let file = try Self.csv(rows: 3_000)
        let run = try Self.runner.start(
            try Self.package(file, batchRows: 10), reading: ["Rows"], readOptions: DataReaderReadOptions(bufferedBatches: 2))
        var rows = 0
        for try await batch in try run.batches("Rows") {
            rows += batch.length
            if rows % 100 == 0 { try await Task.sleep(for: .milliseconds(5)) }  // slower than the flow
        }
        #expect(rows == 3_000)
        // 300 batches passed; never more than 2 waited for the reader.
        #expect(run.peakBufferedBatches >= 1 && run.peakBufferedBatches <= 2, "peak \(run.peakBufferedBatches)")
        #expect(await run.result().result == .success)
    }

    /// A file that does not exist yet; the package's first task waits for it.
    static func gate() throws -> String {
        try BuildProducts.temporaryDirectory("gate").appendingPathComponent("open").path
    }

    @Test func aReadTimeoutFailsTheSequenceAndTheRunGoesOn() async throws {
        let file = try Self.csv(rows: 50)
        let gate = try Self.gate()
        let run = try Self.runner.start(
            try Self.package(file, gate: gate), reading: ["Rows"], readOptions: DataReaderReadOptions(timeout: .milliseconds(200)))
        // No row can come before the gate opens.
        await #expect {
            for try await _ in try run.batches("Rows") {}
        } throws: { ($0 as? SluiceError)?.code == 70803 }
        FileManager.default.createFile(atPath: gate, contents: nil)
        // Nobody reads any more: the rows are discarded and the run succeeds.
        let result = await run.result()
        #expect(result.result == .success, "\(result.errors.map(\.message))")
    }

    @Test func aReadTimeoutCanFailTheRun() async throws {
        let file = try Self.csv(rows: 50)
        let gate = try Self.gate()
        let run = try Self.runner.start(
            try Self.package(file, gate: gate), reading: ["Rows"],
            readOptions: DataReaderReadOptions(timeout: .milliseconds(200), onTimeout: .failRun))
        await #expect {
            for try await _ in try run.batches("Rows") {}
        } throws: { ($0 as? SluiceError)?.code == 70803 }
        FileManager.default.createFile(atPath: gate, contents: nil)
        let result = await run.result()
        #expect(result.result == .failure)
        #expect(result.errors.contains { $0.message.contains("SLUICE_E_DATAREADER_TIMEOUT") }, "\(result.errors.map(\.message))")
    }

    @Test func leavingTheLoopEarlyCancelsTheRun() async throws {
        let file = try Self.csv(rows: 20_000)
        let run = try Self.runner.start(try Self.package(file, batchRows: 10), reading: ["Rows"])
        var seen = 0
        for try await batch in try run.batches("Rows") {
            seen += batch.length
            if seen >= 30 { break }
        }
        let result = await run.result()
        #expect(result.result == .canceled, "\(result.errors.map(\.message))")
    }

    @Test func cancelingTheReadingTaskCancelsTheRun() async throws {
        let file = try Self.csv(rows: 20_000)
        let run = try Self.runner.start(try Self.package(file, batchRows: 10), reading: ["Rows"])
        let reader = Task {
            var n = 0
            for try await batch in try run.batches("Rows") {
                n += batch.length
                try await Task.sleep(for: .milliseconds(20))
            }
            return n
        }
        try await Task.sleep(for: .milliseconds(100))
        reader.cancel()
        _ = try? await reader.value
        #expect(await run.result().result == .canceled)
    }

    @Test func aFailedRunEndsTheSequenceWithItsErrorAfterTheRowsBeforeIt() async throws {
        let file = try Self.csv(rows: 1_000, bad: 750)
        let run = try Self.runner.start(try Self.package(file), reading: ["Rows"])
        var ids: [Int32] = []
        await #expect {
            for try await batch in try run.batches("Rows") { ids += batch.columns[0].values(as: Int32.self) }
        } throws: { error in
            guard let e = error as? SluiceError else { return false }
            return e.code == 70804 && e.description.contains("in.csv") && e.description.contains("Failure")
        }
        // Whole batches from before the bad one, in order (a failing flow drops what is still queued).
        #expect(ids.count <= 700 && ids.count % 100 == 0 && ids == (0..<Int32(ids.count)).map { $0 }, "\(ids.count) rows")
        #expect(await run.result().result == .failure)
    }

    @Test func unknownAndTwiceReadOutputsAreRefused() async throws {
        let file = try Self.csv(rows: 10)
        #expect { try Self.runner.start(try Self.package(file), reading: ["Nope"]) } throws: { ($0 as? SluiceError)?.code == 70802 }
        let run = try Self.runner.start(try Self.package(file), reading: ["Rows"])
        let rows = try run.batches("Rows")
        #expect { try run.batches("Rows") } throws: { ($0 as? SluiceError)?.code == 70807 }
        var n = 0
        for try await batch in rows { n += batch.length }
        #expect(n == 10)
        #expect(await run.result().result == .success)
    }

    @Test func withoutAReaderRowsAreDiscardedAndDuplicateNamesFailValidation() throws {
        let file = try Self.csv(rows: 500)
        #expect(Self.runner.run(try Self.package(file)).result == .success)
        let twice = try Self.package(file, outputs: ["Same", "Same"])
        let result = Self.runner.validate(twice)
        #expect(result.result == .failure)
        #expect(result.errors.contains { $0.code == 70801 }, "\(result.errors.map(\.message))")
    }
}
