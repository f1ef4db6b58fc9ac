import Foundation
import SluiceCore
import Testing
@testable import SluiceDataFlow

/// Batches of `rows` rows of (K: DT_I4 key, Tag: string), `per` rows a batch.
private func keyed(_ keys: [Int32?], tag: String, per: Int = 2) throws -> [ColumnBatch] {
    stride(from: 0, to: keys.count, by: per).map { start in
        let slice = Array(keys[start..<min(start + per, keys.count)])
        let tags = slice.indices.map { Optional("\(tag)\(start + $0)") }
        return try! ColumnBatch([("K", Column(slice)), ("Tag", Column(tags))])
    }
}

/// Runs `component` with `left` on input 0 and `right` on input 1; a sink on each output.
private func runTwoInputs(_ component: any FlowComponent, _ left: [ColumnBatch], _ right: [ColumnBatch], maxRows: Int = 3, queueCapacity: Int = 4) throws -> [CollectingSink] {
    var flow = FlowBuilder()
    let c = flow.add("Join", component)
    flow.connect(flow.add("Left", FixedSource(left)), to: c, input: 0)
    flow.connect(flow.add("Right", FixedSource(right)), to: c, input: 1)
    let sinks = component.outputs.map { _ in CollectingSink() }
    for (o, sink) in sinks.enumerated() { flow.connect(c, output: o, to: flow.add("Sink \(o)", sink)) }
    _ = try DataFlowEngine(options: FlowOptions(workerCount: 2, defaultBufferMaxRows: maxRows, queueCapacity: queueCapacity)).run(try flow.build())
    return sinks
}

/// What a nested loop gives: (left tag, right tag) pairs, "-" for a missing side.
private func expectedJoin(_ left: [Int32?], _ right: [Int32?], _ type: MergeJoin.JoinType) -> [String] {
    var pairs: [String] = []
    var rightMatched = Set<Int>()
    for (i, l) in left.enumerated() {
        var matched = false
        for (j, r) in right.enumerated() where l != nil && l == r {
            pairs.append("L\(i)|R\(j)")
            rightMatched.insert(j)
            matched = true
        }
        if !matched && type != .inner { pairs.append("L\(i)|-") }
    }
    if type == .fullOuter { for j in right.indices where !rightMatched.contains(j) { pairs.append("-|R\(j)") } }
    return pairs.sorted()
}

private func tags(_ sink: CollectingSink, _ a: String, _ b: String) -> [String] {
    zip(sink.values(a), sink.values(b)).map { x, y in
        func text(_ v: Value) -> String { if case .string(let s) = v { s } else { "-" } }
        return "\(text(x))|\(text(y))"
    }.sorted()
}

@Suite struct MergeJoinTests {
    let left: [Int32?] = [nil, 1, 2, 2, 2, 3, 5, 7, 7]
    let right: [Int32?] = [nil, nil, 2, 2, 3, 4, 7, 8]

    @Test(arguments: MergeJoin.JoinType.allCases)
    func joinsWithDuplicatesAndNullKeysAsANestedLoopWould(type: MergeJoin.JoinType) throws {
        let join = MergeJoin(name: "MJ", type: type, keys: [.init(left: "K", right: "K")],
                             columns: [.init(.left, "Tag", as: "LT"), .init(.right, "Tag", as: "RT"), .init(.left, "K")])
        let sinks = try runTwoInputs(join, try keyed(left, tag: "L"), try keyed(right, tag: "R", per: 3))
        #expect(tags(sinks[0], "LT", "RT") == expectedJoin(left, right, type))
        // Rows leave in key order; the outer sides' NULL keys first (ascending).
        let keys = sinks[0].values("K").compactMap { if case .int(let k) = $0 { k } else { nil } }
        #expect(keys == keys.sorted())
        #expect(sinks[0].batches.allSatisfy { $0.length <= 3 })
    }

    /// Long runs of equal keys held over many batches (the run's end is found by resuming the
    /// scan as batches arrive), after unmatched rows whose batches were dropped first.
    @Test(arguments: MergeJoin.JoinType.allCases)
    func longRunsSpanningManyBatchesJoinAsANestedLoopWould(type: MergeJoin.JoinType) throws {
        let l: [Int32?] = [nil] + Array(repeating: 0, count: 7) + Array(repeating: 2, count: 300) + [3] + Array(repeating: 4, count: 40)
        let r: [Int32?] = Array(repeating: 1, count: 5) + Array(repeating: 2, count: 25) + Array(repeating: 4, count: 90) + [9]
        let join = MergeJoin(name: "MJ", type: type, keys: [.init(left: "K", right: "K")],
                             columns: [.init(.left, "Tag", as: "LT", type: .wstr), .init(.right, "Tag", as: "RT", type: .wstr)])
        let sinks = try runTwoInputs(join, try keyed(l, tag: "L", per: 3), try keyed(r, tag: "R", per: 4), maxRows: 50)
        #expect(tags(sinks[0], "LT", "RT") == expectedJoin(l, r, type))
    }

    @Test func aRunHeldOverManyBatchesIsScannedOnce() throws {
        let input = SortedInput(component: "MJ", label: "left", keys: [SortKey("K")])
        for batch in try keyed(Array(repeating: 7, count: 1000) + [8], tag: "L", per: 10) {
            try input.add(batch)
            if batch.length == 10 { #expect(input.runEnd() == nil) }
        }
        #expect(input.runEnd() == SortedInput.Position(batch: 100, row: 0))
        // Each row compared once (rescanning from the run's start would be ~50,000).
        #expect(input.runComparisons <= 1001)
    }

    /// Random sorted keys (runs of duplicates, NULLs first) in random batch sizes on both sides.
    @Test(arguments: [1, 2, 3, 4, 5])
    func agreesWithANestedLoopOnRandomSortedInputs(seed: UInt64) throws {
        var rng = SplitMix(seed)
        func keys(_ count: Int) -> [Int32?] {
            let nulls = Int(rng.next() % 3)
            let values = (0..<count).map { _ in Int32(truncatingIfNeeded: rng.next() % 15) }.sorted()
            return Array(repeating: nil, count: nulls) + values.map { Optional($0) }
        }
        let l = keys(Int(rng.next() % 60)), r = keys(Int(rng.next() % 60))
        let lPer = 1 + Int(rng.next() % 7), rPer = 1 + Int(rng.next() % 7)
        for type in MergeJoin.JoinType.allCases {
            let join = MergeJoin(name: "MJ", type: type, keys: [.init(left: "K", right: "K")],
                                 columns: [.init(.left, "Tag", as: "LT", type: .wstr), .init(.right, "Tag", as: "RT", type: .wstr)])
            let sinks = try runTwoInputs(join, try keyed(l, tag: "L", per: lPer), try keyed(r, tag: "R", per: rPer), maxRows: 5)
            #expect(tags(sinks[0], "LT", "RT") == expectedJoin(l, r, type), "\(type) \(l) \(r)")
        }
    }

    @Test func joinsOnTwoKeysDescending() throws {
        func side(_ a: [Int32?], _ b: [String?], _ tag: String) throws -> [ColumnBatch] {
            [try ColumnBatch([("A", Column(a)), ("B", Column(b, as: .str)), ("Tag", Column(a.indices.map { Optional("\(tag)\($0)") }))])]
        }
        let l = try side([3, 3, 2, 1], ["b", "a", "z", "q"], "L")
        let r = try side([3, 3, 3, 1], ["b", "b", "a", "x"], "R")
        let join = MergeJoin(name: "MJ", type: .inner,
                             keys: [.init(left: "A", right: "A", ascending: false), .init(left: "B", right: "B", ascending: false)],
                             columns: [.init(.left, "Tag", as: "LT"), .init(.right, "Tag", as: "RT")])
        let sinks = try runTwoInputs(join, l, r)
        #expect(tags(sinks[0], "LT", "RT") == ["L0|R0", "L0|R1", "L1|R2"])
    }

    @Test func failsOnAnInputNotSortedAsDeclaredNamingTheRow() throws {
        let join = MergeJoin(name: "MJ", type: .inner, keys: [.init(left: "K", right: "K")], columns: [.init(.left, "Tag")])
        let error = try #require(throws: SluiceError.self) {
            _ = try runTwoInputs(join, try keyed([1, 2, 4, 3], tag: "L"), try keyed([1], tag: "R"))
        }
        let cause = try #require(error.cause as? SluiceError)
        #expect(cause.code == SluiceMessage.joinInputNotSorted.code)
        #expect(cause.description.contains("row 4"))
        #expect(cause.description.contains("left"))
    }

    @Test func refusesKeysOfDifferentTypes() throws {
        let join = MergeJoin(name: "MJ", type: .inner, keys: [.init(left: "K", right: "K")], columns: [.init(.left, "Tag")])
        let right = [try ColumnBatch([("K", Column([Int64(1)])), ("Tag", Column(["r"]))])]
        let error = try #require(throws: SluiceError.self) { _ = try runTwoInputs(join, try keyed([1], tag: "L"), right) }
        #expect((error.cause as? SluiceError)?.code == SluiceMessage.joinKeyTypeMismatch.code)
    }

    /// A Multicast feeding both sides through queues of one batch: the join takes whatever
    /// arrives, holding the side that is ahead, so neither branch waits on the other.
    @Test func completesWhenAMulticastFeedsBothSides() throws {
        let n = 3_000
        var batches: [ColumnBatch] = []
        for b in 0..<(n / 10) {
            let keys: [Int32?] = (0..<10).map { Int32(b * 10 + $0) }
            let names: [String?] = keys.map { "t\($0 ?? 0)" }
            batches.append(try ColumnBatch([("K", Column(keys)), ("Tag", Column(names))]))
        }
        var flow = FlowBuilder()
        let join = flow.add("MJ", MergeJoin(name: "MJ", type: .inner, keys: [.init(left: "K", right: "K")],
                                            columns: [.init(.left, "K"), .init(.right, "Tag")]))
        let multicast = flow.add("Multicast", Multicast(outputCount: 2))
        flow.connect(flow.add("Source", FixedSource(batches)), to: multicast)
        flow.connect(multicast, output: 0, to: join, input: 0)
        flow.connect(multicast, output: 1, to: join, input: 1)
        let sink = CollectingSink()
        flow.connect(join, to: flow.add("Sink", sink))
        _ = try DataFlowEngine(options: FlowOptions(workerCount: 2, defaultBufferMaxRows: 64, queueCapacity: 1)).run(try flow.build())
        #expect(sink.rows == n)
        #expect(sink.values("K") == (0..<n).map { .int(Int64($0)) })
    }

    @Test func outerJoinOfAnEmptySideFillsNulls() throws {
        let join = MergeJoin(name: "MJ", type: .leftOuter, keys: [.init(left: "K", right: "K")],
                             columns: [.init(.left, "Tag", as: "LT"), .init(.right, "Tag", as: "RT", type: .wstr)])
        let sinks = try runTwoInputs(join, try keyed([1, 2], tag: "L"), [])
        #expect(tags(sinks[0], "LT", "RT") == ["L0|-", "L1|-"])
    }
}

@Suite struct MergeTests {
    @Test func interleavesTwoSortedInputsStablyInputZeroFirst() throws {
        let merge = Merge(name: "M", keys: [SortKey("K")])
        let a = try keyed([1, 2, 2, 4, 4], tag: "a")
        // The second input's columns in another order: matched by name.
        let b = try [ColumnBatch([("Tag", Column(["b0", "b1", "b2"])), ("K", Column([Int32(2), 3, 4]))])]
        let sinks = try runTwoInputs(merge, a, b)
        let out = sinks[0].values("Tag").map { if case .string(let s) = $0 { s } else { "?" } }
        #expect(out == ["a0", "a1", "a2", "b0", "b1", "a3", "a4", "b2"])
        #expect(sinks[0].batches.first?.names == ["K", "Tag"])
    }

    @Test func failsOnAnUnsortedSecondInput() throws {
        let error = try #require(throws: SluiceError.self) {
            _ = try runTwoInputs(Merge(name: "M", keys: [SortKey("K")]), try keyed([1, 2], tag: "a"), try keyed([5, 1], tag: "b"))
        }
        let cause = try #require(error.cause as? SluiceError)
        #expect(cause.code == SluiceMessage.joinInputNotSorted.code)
        #expect(cause.description.contains("Merge Input 2"))
        #expect(cause.description.contains("row 2"))
    }
}

@Suite struct LookupTests {
    let reference: [ColumnBatch] = [
        try! ColumnBatch([("ID", Column([Int32(2), 1])), ("Name", Column(["two", "one"]))]),
        try! ColumnBatch([("ID", Column([Int32(2)])), ("Name", Column(["second two"]))]),
    ]
    let main = try! keyed([1, 2, 3, 2, 9, 1], tag: "m", per: 4)

    private func lookup(_ noMatch: Lookup.NoMatchBehavior, _ reference: Lookup.Reference) -> Lookup {
        Lookup(name: "LK", joins: [.init("K", "ID")], returns: [.init("Name", as: "CustomerName")], noMatch: noMatch, reference: reference)
    }

    @Test func routesMatchesAndNoMatchesFromAReferenceInput() throws {
        let component = lookup(.noMatchOutput, .input)
        nonisolated(unsafe) var reported = 0
        component.onDuplicateKeys = { reported = $0 }
        let sinks = try runTwoInputs(component, main, reference)
        #expect(sinks[0].values("Tag") == [.string("m0"), .string("m1"), .string("m3"), .string("m5")])
        #expect(sinks[0].values("CustomerName") == [.string("one"), .string("two"), .string("two"), .string("one")])
        #expect(sinks[1].values("Tag") == [.string("m2"), .string("m4")])
        #expect(sinks[1].batches.allSatisfy { $0["CustomerName"] == nil })
        #expect(component.duplicateReferenceKeys == 1)
        #expect(reported == 1)
    }

    @Test func redirectsNoMatchesToTheErrorOutputWithTheCode() throws {
        var flow = FlowBuilder()
        let component = lookup(.redirectRow, .rows(reference))
        let c = flow.add("LK", component)
        flow.connect(flow.add("Main", FixedSource(main)), to: c)
        let sinks = (0..<3).map { _ in CollectingSink() }
        for (o, s) in sinks.enumerated() { flow.connect(c, output: o, to: flow.add("S\(o)", s)) }
        _ = try DataFlowEngine(options: FlowOptions(workerCount: 2)).run(try flow.build())
        #expect(sinks[0].rows == 4)
        #expect(sinks[1].rows == 0)
        #expect(sinks[2].values("Tag") == [.string("m2"), .string("m4")])
        #expect(sinks[2].values(ErrorRows.codeColumn) == [.int(70531), .int(70531)])
    }

    @Test func ignoreFailureKeepsRowsWithNullReturnedColumns() throws {
        let sinks = try runTwoInputs(lookup(.ignoreFailure, .input), main, reference)
        #expect(sinks[0].values("CustomerName") == [.string("one"), .string("two"), .null, .string("two"), .null, .string("one")])
    }

    @Test func failComponentNamesTheFirstRowWithoutAMatch() throws {
        let error = try #require(throws: SluiceError.self) { _ = try runTwoInputs(lookup(.failComponent, .input), main, reference) }
        let cause = try #require(error.cause as? SluiceError)
        #expect(cause.code == SluiceMessage.lookupNoMatch.code)
        #expect(cause.description.contains("row 3"))
    }

    @Test func matchesStringKeysAndNullKeysAsAFullCacheDoes() throws {
        let ref = [try ColumnBatch([("Code", Column(["a", nil, "bb"], as: .str)), ("V", Column([Int32(1), 2, 3]))])]
        let input = [try ColumnBatch([("C", Column(["bb", "zz", nil, "a"], as: .str))])]
        let component = Lookup(name: "LK", joins: [.init("C", "Code")], returns: [.init("V")], noMatch: .noMatchOutput, reference: .rows(ref))
        var flow = FlowBuilder()
        let c = flow.add("LK", component)
        flow.connect(flow.add("Main", FixedSource(input)), to: c)
        let sinks = (0..<2).map { _ in CollectingSink() }
        for (o, s) in sinks.enumerated() { flow.connect(c, output: o, to: flow.add("S\(o)", s)) }
        _ = try DataFlowEngine(options: FlowOptions(workerCount: 1)).run(try flow.build())
        #expect(sinks[0].values("V") == [.int(3), .int(2), .int(1)])
        #expect(sinks[1].values("C") == [.string("zz")])
    }

    @Test func refusesAJoinColumnOfAnotherType() throws {
        let ref = [try ColumnBatch([("ID", Column([Int64(1)])), ("Name", Column(["x"]))])]
        let error = try #require(throws: SluiceError.self) { _ = try runTwoInputs(lookup(.noMatchOutput, .input), main, ref) }
        let cause = try #require(error.cause as? SluiceError)
        #expect(cause.code == SluiceMessage.joinKeyTypeMismatch.code)
        #expect(cause.description.contains("[K]") && cause.description.contains("[ID]"))
    }
}
