import CSluiceABI
import Foundation
import SluiceCore
@testable import SluicePluginHost
import SluiceRegistry
import SluiceTestSupport
import Testing

/// The data flow part of the C ABI, driven against the real C fixture (libFixtureDataFlow.so):
/// ports, negotiation, batches through a stream and through `emit`, imported without a copy.
@Suite(.serialized) struct DataFlowABITests {
    private let origin = ArrowOrigin(component: "Numbers", place: "output 0 \"Output\"")

    @Test func theRegistryLoadsTheCDataFlowFixtureWithItsKinds() throws {
        let dir = try BuildProducts.pluginDirectory(with: ["FixtureDataFlow"])
        let registry = ComponentRegistry()
        let report = registry.loadPlugins(from: [dir.path])
        #expect(report.rejected.isEmpty, "\(report.rejected)")
        #expect(registry.entry(for: "fixtures.dataflow.numbers")?.descriptor.kind == .source)
        #expect(registry.entry(for: "fixtures.dataflow.upper")?.descriptor.kind == .transform)
        #expect(registry.entry(for: "fixtures.dataflow.upper")?.descriptor.property(named: "column")?.required == true)
    }

    @Test func portsDeclareInputsOutputsAnErrorOutputAndAnExclusionGroup() throws {
        let fixture = try DataFlowFixture()
        let source = try fixture.instance("fixtures.dataflow.numbers")
        let sourcePorts = try DataFlowPorts.query(source.table, instance: source.raw, kind: .source, component: "Numbers")
        #expect(sourcePorts.inputs.isEmpty)
        #expect(sourcePorts.outputs == [.init(name: "Output", synchronousInput: nil, exclusionGroup: 0, isErrorOutput: false)])
        let upper = try fixture.instance("fixtures.dataflow.upper", ["column": .string("name")])
        let ports = try DataFlowPorts.query(upper.table, instance: upper.raw, kind: .transform, component: "Upper")
        #expect(ports.inputs == ["Input"])
        #expect(ports.outputs.map(\.name) == ["Output", "Error Output"])
        #expect(ports.outputs.map(\.isErrorOutput) == [false, true])
        #expect(ports.outputs.allSatisfy { $0.synchronousInput == 0 && $0.exclusionGroup == 1 })
    }

    @Test func portsOfTheWrongShapeForTheKindAreACodedError() throws {
        let fixture = try DataFlowFixture()
        let source = try fixture.instance("fixtures.dataflow.numbers")
        // The source's ports read as a destination's: a destination has inputs and no data outputs.
        #expect(throws: SluiceError.self) { try DataFlowPorts.query(source.table, instance: source.raw, kind: .destination, component: "Numbers") }
        do {
            _ = try DataFlowPorts.query(source.table, instance: source.raw, kind: .transform, component: "Numbers")
        } catch let e as SluiceError {
            #expect(e.message == .dataFlowPortsInvalid)
            #expect(e.text.contains("Numbers"))
        }
    }

    @Test func aSourceStreamBatchIsImportedWithoutACopyAndReleasedOnceWhenTheLastColumnGoes() throws {
        let fixture = try DataFlowFixture()
        let before = try fixture.counters()
        let source = try fixture.instance("fixtures.dataflow.numbers", ["rows": .int(10)])
        try withStream(source) { stream in
            var schema = ArrowSchema()
            #expect(stream.pointee.get_schema(stream, &schema) == 0)
            defer { schema.release(&schema) }
            var array = ArrowArray()
            #expect(stream.pointee.get_next(stream, &array) == 0)
            let pluginIDs = try requireNonNil(array.children?[0]?.pointee.buffers?[1])
            var column: Column?
            do {
                let owner = try ArrowArrayOwner.take(&array, origin: origin)
                #expect(array.release == nil, "taking the batch moves it")
                let batch = try ArrowImport.batch(owner, schema: &schema, origin: origin)
                #expect(batch.names == ["id", "name"])
                #expect(batch.length == 10)
                let ids = try #require(batch["id"])
                #expect(ids.dataType == .i8)
                #expect(UnsafeRawPointer(ids.valueBuffer.bytes) == pluginIDs, "the column wraps the plugin's buffer")
                #expect(Array(ids.values(as: Int64.self)) == Array(0..<10))
                let names = try #require(batch["name"])
                #expect(names.dataType == .wstr)
                #expect(names.value(at: 0) == .string("row0"))
                #expect(names.value(at: 2) == .null)
                #expect(names.nullCount == 3)
                column = names
            }
            #expect(try fixture.counters().released == before.released, "a column still holds the batch")
            column = nil
            _ = column
            #expect(try fixture.counters().released == before.released + 1, "released when the last column went")
            var end = ArrowArray()
            #expect(stream.pointee.get_next(stream, &end) == 0)
            #expect(end.release == nil, "the end of the stream")
        }
        let after = try fixture.counters()
        #expect(after.made - before.made == after.released - before.released)
    }

    @Test(arguments: [
        ("length", SluiceMessage.arrowArrayInvalid, "length 4, but the batch has 3 rows"),
        ("type", .arrowArrayInvalid, "has 2 buffers"),
        ("offsets", .arrowArrayInvalid, "offsets go down"),
        ("release", .arrowArrayReleased, "NULL release"),
        ("format", .arrowFormatUnsupported, "format \"x\""),
    ])
    func aMalformedBatchFromCIsACodedErrorAndStillReleasedOnce(malform: String, message: SluiceMessage, fragment: String) throws {
        let fixture = try DataFlowFixture()
        let before = try fixture.counters()
        let source = try fixture.instance("fixtures.dataflow.numbers", ["malform": .string(malform)])
        try withStream(source) { stream in
            var schema = ArrowSchema()
            #expect(stream.pointee.get_schema(stream, &schema) == 0)
            defer { schema.release(&schema) }
            var array = ArrowArray()
            #expect(stream.pointee.get_next(stream, &array) == 0)
            do {
                let owner = try ArrowArrayOwner.take(&array, origin: origin)
                _ = try ArrowImport.batch(owner, schema: &schema, origin: origin)
                Issue.record("the \(malform) batch was accepted")
            } catch let e as SluiceError {
                #expect(e.message == message, "\(e.text)")
                #expect(e.text.contains(fragment), "\(e.text)")
                #expect(e.text.contains("Numbers"), "the error names the component")
            }
        }
        let after = try fixture.counters()
        #expect(after.made - before.made == after.released - before.released, "every batch made was released exactly once")
    }

    @Test func produceEmitsThroughTheHostAndTheSinkGetsTheMovedBatch() throws {
        let fixture = try DataFlowFixture()
        let before = try fixture.counters()
        let source = try fixture.instance("fixtures.dataflow.numbers", ["rows": .int(4)])
        var schema = ArrowSchema()
        var schemas = [ArrowSchema()]
        var err = sluice_error()
        #expect(source.table.negotiate(source.raw, 0, nil, 1, &schemas, &err) == SLUICE_OK)
        schema = schemas[0]
        defer { schema.release(&schema) }
        let call = CallContext(HostServicesTests.Recorder())
        var received: [(Int32, ColumnBatch)] = []
        call.emitSink = { output, owner in
            received.append((output, try ArrowImport.batch(owner, schema: &schema, origin: self.origin)))
        }
        var done: Int32 = 0
        let status = call.withPointer { ctx in source.table.produce(source.raw, ctx, &done, &err) }
        #expect(status == SLUICE_OK)
        #expect(done == 1)
        #expect(received.count == 1)
        #expect(received.first?.0 == 0)
        #expect(received.first?.1["id"].map { Array($0.values(as: Int64.self)) } == [0, 1, 2, 3])
        received.removeAll()
        let after = try fixture.counters()
        #expect(after.made - before.made == 1)
        #expect(after.released - before.released == 1)
    }

    @Test func emitOutsideADataFlowCallIsRefusedAndTheBatchStillReleased() throws {
        let fixture = try DataFlowFixture()
        let before = try fixture.counters()
        let source = try fixture.instance("fixtures.dataflow.numbers")
        let call = CallContext(HostServicesTests.Recorder())  // no emit sink: not a data flow call
        var done: Int32 = 0
        var err = sluice_error()
        let status = call.withPointer { ctx in source.table.produce(source.raw, ctx, &done, &err) }
        #expect(status == SLUICE_E_UNSUPPORTED)
        let after = try fixture.counters()
        #expect(after.released - before.released == 1)
    }

    @Test func theUppercaseTransformNegotiatesWithItsInputAndEmitsTheColumnUpperCased() throws {
        let fixture = try DataFlowFixture()
        let upper = try fixture.instance("fixtures.dataflow.upper", ["column": .string("name")])
        let input = try ColumnBatch([
            ("id", Column([1, 2, 3] as [Int64?])), ("name", Column(["ada", nil, "Grace hopper"] as [String?])),
        ])
        var inputSchema = ArrowSchema()
        ArrowExport.schema(of: input, into: &inputSchema)
        defer { inputSchema.release(&inputSchema) }
        var outputs = [ArrowSchema(), ArrowSchema()]
        var err = sluice_error()
        let negotiated = withUnsafePointer(to: &inputSchema) { p in
            var inputs: [UnsafePointer<ArrowSchema>?] = [p]
            return upper.table.negotiate(upper.raw, 1, &inputs, 2, &outputs, &err)
        }
        try #require(negotiated == SLUICE_OK)
        defer { for i in outputs.indices { outputs[i].release(&outputs[i]) } }
        let errorColumns = try ArrowImport.columns(of: &outputs[1], origin: origin).map(\.name)
        #expect(errorColumns == ["id", "name", "ErrorCode", "ErrorColumn"])

        let call = CallContext(HostServicesTests.Recorder())
        var received: [ColumnBatch] = []
        var outputSchema = outputs[0]
        call.emitSink = { output, owner in
            #expect(output == 0)
            received.append(try ArrowImport.batch(owner, schema: &outputSchema, origin: self.origin))
        }
        var batch = ArrowArray()
        ArrowExport.array(of: input, into: &batch)
        let status = call.withPointer { ctx in upper.table.process(upper.raw, ctx, 0, &batch, &err) }
        #expect(status == SLUICE_OK)
        #expect(batch.release == nil, "the transform moved the input into its output")
        let out = try #require(received.first)
        #expect(out["name"]?.value(at: 0) == .string("ADA"))
        #expect(out["name"]?.value(at: 1) == .null)
        #expect(out["name"]?.value(at: 2) == .string("GRACE HOPPER"))
        #expect(out["id"]?.values(as: Int64.self).baseAddress == input["id"]?.values(as: Int64.self).baseAddress,
                "the other columns pass through without a copy, both ways")
    }

    @Test func negotiationGivesEveryOutputItsCheckedSchemaAndReleasesEachOnce() throws {
        let fixture = try DataFlowFixture()
        let upper = try fixture.instance("fixtures.dataflow.upper", ["column": .string("name")])
        let ports = try DataFlowPorts.query(upper.table, instance: upper.raw, kind: .transform, component: "Upper")
        let input = try ColumnBatch([("id", Column([1] as [Int64?])), ("name", Column(["a"] as [String?]))])
        var inputSchema = ArrowSchema()
        ArrowExport.schema(of: input, into: &inputSchema)
        defer { inputSchema.release(&inputSchema) }
        let outputs = try withUnsafePointer(to: &inputSchema) { p in
            try DataFlowNegotiation.negotiate(upper.table, instance: upper.raw, ports: ports, inputs: [p], component: "Upper")
        }
        #expect(outputs.map { $0.columns.map(\.name) } == [["id", "name"], ["id", "name", "ErrorCode", "ErrorColumn"]])
        #expect(outputs[1].columns.last?.type.dataType == .i4)
    }

    @Test func negotiationThatNamesAColumnTheInputLacksIsThePluginsCodedFailure() throws {
        let fixture = try DataFlowFixture()
        let upper = try fixture.instance("fixtures.dataflow.upper", ["column": .string("missing")])
        let ports = try DataFlowPorts.query(upper.table, instance: upper.raw, kind: .transform, component: "Upper")
        var inputSchema = ArrowSchema()
        ArrowExport.schema(of: try ColumnBatch([("name", Column(["a"] as [String?]))]), into: &inputSchema)
        defer { inputSchema.release(&inputSchema) }
        do {
            _ = try withUnsafePointer(to: &inputSchema) { p in
                try DataFlowNegotiation.negotiate(upper.table, instance: upper.raw, ports: ports, inputs: [p], component: "Upper")
            }
            Issue.record("negotiate should fail")
        } catch let e as SluiceError {
            #expect(e.message == .pluginCallFailed)
            #expect(e.text.contains("no column named"), "\(e.text)")
        }
    }

    @Test func aSourceSchemaWithAFormatWithoutASluiceTypeIsRefusedAtNegotiation() throws {
        let fixture = try DataFlowFixture()
        let source = try fixture.instance("fixtures.dataflow.numbers", ["malform": .string("format")])
        let ports = try DataFlowPorts.query(source.table, instance: source.raw, kind: .source, component: "Numbers")
        #expect(throws: SluiceError.self) {
            try DataFlowNegotiation.negotiate(source.table, instance: source.raw, ports: ports, inputs: [], component: "Numbers")
        }
    }

    @Test func anErrorOutputWithoutErrorCodeAndErrorColumnIsRefused() throws {
        var table = sluice_dataflow_vtable()
        table.negotiate = { _, _, _, count, out, _ in
            // Every output gets one int64 column "x": no ErrorCode, no ErrorColumn.
            guard let out, let batch = try? ColumnBatch([("x", Column([1] as [Int64?]))]) else { return SLUICE_E_FAILED }
            for i in 0..<Int(count) { ArrowExport.schema(of: batch, into: out + i) }
            return SLUICE_OK
        }
        let ports = DataFlowPorts(inputs: [], outputs: [
            .init(name: "Output", synchronousInput: nil, exclusionGroup: 1, isErrorOutput: false),
            .init(name: "Error Output", synchronousInput: nil, exclusionGroup: 1, isErrorOutput: true),
        ])
        do {
            _ = try DataFlowNegotiation.negotiate(table, instance: nil, ports: ports, inputs: [], component: "Broken")
            Issue.record("the error output's schema should be refused")
        } catch let e as SluiceError {
            #expect(e.message == .dataFlowErrorOutputSchema, "\(e.text)")
            #expect(e.text.contains("\"Error Output\""))
        }
    }

    /// Opens the source's stream, runs `body`, releases the stream.
    private func withStream(_ source: DataFlowFixture.Instance, _ body: (UnsafeMutablePointer<ArrowArrayStream>) throws -> Void) throws {
        var stream = ArrowArrayStream()
        var err = sluice_error()
        try #require(source.table.open_stream(source.raw, nil, &stream, &err) == SLUICE_OK)
        defer { stream.release(&stream) }
        try body(&stream)
    }
}
