import Foundation
import SluiceCore
import Testing

@Suite struct PackageGraphTests {
    /// Two tasks around a container with a handler, a data flow with an error path, and a
    /// constraint of each colour; ids fixed so the text is the same on every run.
    static func smallPackage() -> Package {
        var p = Package(name: "Nightly", id: uuid(1))
        var extract = Executable.task("Extract", component: "sluice.executeProcess")
        extract.id = uuid(2)
        var load = Executable("Load", kind: .sequence, id: uuid(3))
        var copy = Executable.task("Copy", component: "sluice.fileSystem")
        copy.id = uuid(4)
        var alert = Executable.task("Alert", component: "sluice.setVariable")
        alert.id = uuid(5)
        load.executables = [copy]
        load.eventHandlers = [EventHandler(.error, container: Executable("OnError", kind: .sequence, id: uuid(6)))]
        load.eventHandlers[0].container.executables = [alert]
        var notify = Executable.task("Notify", component: "sluice.setVariable")
        notify.id = uuid(7)
        notify.eventHandlers = [EventHandler(.taskFailed, container: Executable("OnTaskFailed", kind: .sequence, id: uuid(8)))]
        let flow = DataFlow(
            components: [
                DataFlowComponent("Read", component: "sluice.flatFileSource", outputs: [DataFlowOutput("Output"), DataFlowOutput("Errors", isErrorOutput: true)]),
                DataFlowComponent("Write", component: "sluice.flatFileDestination", inputs: [DataFlowInput("Input")]),
            ],
            paths: [
                DataFlowPath(from: "Read", output: "Output", to: "Write", input: "Input"),
                DataFlowPath(from: "Read", output: "Errors", to: "Write", input: "Input"),
            ])
        var stage = Executable.dataFlow("Stage", flow)
        stage.id = uuid(9)
        p.executables = [extract, load, stage, notify]
        p.constraints = [
            PrecedenceConstraint(from: "Extract", to: "Load"),
            PrecedenceConstraint(from: "Load", to: "Stage", value: .completion),
            PrecedenceConstraint(
                from: "Stage", to: "Notify", value: .failure, evaluation: .expressionOrConstraint,
                expression: "@[User::N] > 0", logicalAnd: false),
        ]
        return p
    }

    static func uuid(_ n: Int) -> UUID {
        UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", n)) ?? UUID()
    }

    @Test func aSmallPackageGivesExactlyThisDot() {
        let expected = ##"""
            digraph "Nightly" {
              graph [compound=true, rankdir=TB, fontname="Helvetica", fontsize=11, labelloc=t, label="Nightly\nPackage"];
              node [shape=box, style="rounded,filled", fillcolor="#ffffff", fontname="Helvetica", fontsize=10];
              edge [fontname="Helvetica", fontsize=9];
              n1 [label="Extract\nsluice.executeProcess"];
              subgraph cluster_2 {
                graph [label="Load\nSequence", style="rounded", color="#607d8b", fontcolor="#263238"];
                a2 [shape=point, style=invis, width=0, height=0, label=""];
                n6 [label="Copy\nsluice.fileSystem"];
                subgraph cluster_7 {
                  graph [label="OnError\nevent handler", style="rounded,dashed", color="#8e24aa", fontcolor="#263238"];
                  a7 [shape=point, style=invis, width=0, height=0, label=""];
                  n8 [label="Alert\nsluice.setVariable"];
                }
              }
              subgraph cluster_3 {
                graph [label="Stage\nData Flow", style="rounded,filled", color="#1565c0", fontcolor="#263238", fillcolor="#e3f2fd"];
                a3 [shape=point, style=invis, width=0, height=0, label=""];
                n3_0 [label="Read\nsluice.flatFileSource", style="filled", fillcolor="#fffde7"];
                n3_1 [label="Write\nsluice.flatFileDestination", style="filled", fillcolor="#fffde7"];
              }
              n4 [label="Notify\nsluice.setVariable"];
              subgraph cluster_5 {
                graph [label="OnTaskFailed\nevent handler", style="rounded,dashed", color="#8e24aa", fontcolor="#263238"];
                a5 [shape=point, style=invis, width=0, height=0, label=""];
              }
              n1 -> a2 [color="#2e7d32", fontcolor="#2e7d32", label="Success", lhead=cluster_2];
              a2 -> a3 [color="#1565c0", fontcolor="#1565c0", label="Completion", ltail=cluster_2, lhead=cluster_3];
              a3 -> n4 [color="#c62828", fontcolor="#c62828", label="Failure or fx: @[User::N] > 0", style=dashed, ltail=cluster_3];
              n3_0 -> n3_1 [label="Output → Input"];
              n3_0 -> n3_1 [label="Errors → Input", color="#c62828", fontcolor="#c62828", style=dashed];
              n4 -> a5 [style=dashed, color="#8e24aa", arrowhead=odot, lhead=cluster_5];
            }

            """##
        #expect(PackageGraph.dot(Self.smallPackage()) == expected)
    }
}

@Suite struct DotTextTests {
    @Test func quotesBackslashesAndLineBreaksAreEscaped() {
        #expect(DotText.quoted(#"say "hi""#) == #""say \"hi\"""#)
        #expect(DotText.quoted(#"C:\temp\n"#) == #""C:\\temp\\n""#, "a backslash never starts a DOT escape")
        #expect(DotText.quoted("two\nlines") == #""two\nlines""#)
        #expect(DotText.quoted("\\") == #""\\""#, "a trailing backslash cannot swallow the closing quote")
        #expect(DotText.quoted("\"\\\"") == #""\"\\\"""#)
    }

    @Test func controlCharactersBecomeVisiblePicturesAndUnicodePassesThrough() {
        #expect(DotText.quoted("a\u{0}b\tc\u{1B}\u{7F}") == "\"a\u{2400}b\u{2409}c\u{241B}\u{2421}\"")
        #expect(DotText.quoted("x\r\ny") == "\"x\u{240D}\\ny\"")
        #expect(DotText.quoted("\u{85}\u{2028}") == "\"\u{FFFD}\u{FFFD}\"")
        #expect(DotText.quoted("Zürich ✓ 東京 👩‍💻") == "\"Zürich ✓ 東京 👩‍💻\"")
        #expect(DotText.quoted("} ]; digraph { <b>") == "\"} ]; digraph { <b>\"", "inside quotes DOT syntax is only text")
    }

    @Test func hostileNamesNeverLeaveTheirQuotes() {
        var p = Package(name: "P\"}\n")
        p.executables = [.task("a\"];\nevil -> x [", component: "x\\"), .task("b", component: "y")]
        p.connect("a\"];\nevil -> x [", to: "b")
        let dot = PackageGraph.dot(p)
        #expect(!dot.split(separator: "\n").contains { $0.hasPrefix("evil") }, "the line break stayed inside the label")
        #expect(dot.contains(#"label="a\"];\nevil -> x [\nx\\""#))
        #expect(dot.contains("n1 -> n2 ["), "the constraint found its endpoints by name")
        // Every line outside quotes is one statement: the quotes balance on each line.
        for line in dot.split(separator: "\n") {
            let unescapedQuotes = line.replacingOccurrences(of: "\\\\", with: "").replacingOccurrences(of: "\\\"", with: "")
            #expect(unescapedQuotes.filter { $0 == "\"" }.count % 2 == 0, "\(line)")
        }
    }
}

@Suite struct GraphOverlayTests {
    static func post(_ e: Executable, _ result: ExecutionResult, micros: Int64) -> EventRecord {
        let source = EventSource(name: e.name, id: e.id, path: "\\Package\\\(e.name)", kind: .task, component: e.componentID)
        return EventRecord(.postExecute, time: Date(timeIntervalSince1970: 0), source: source, result: result, durationMicroseconds: micros)
    }

    @Test func resultsAndDurationsLabelEachExecutable() {
        let p = PackageGraphTests.smallPackage()
        let extract = p.executables[0], stage = p.executables[2], notify = p.executables[3]
        var overlay = GraphOverlay(events: [
            Self.post(extract, .success, micros: 12_345),
            Self.post(stage, .failure, micros: 1_500_000),
            Self.post(stage, .success, micros: 250_000),
            EventRecord(.information, time: Date(), source: nil, message: "ignored"),
        ])
        overlay.setRows([stage.dataFlow!.paths[0]: 1_200, stage.dataFlow!.paths[1]: 3], inDataFlow: stage.id)
        let dot = PackageGraph.dot(p, overlay: overlay)
        #expect(dot.contains(##"n1 [label="Extract\nsluice.executeProcess\nSuccess, 12 ms", fillcolor="#c8e6c9"];"##))
        #expect(dot.contains(#"label="Stage\nData Flow\nSuccess ×2, 1.7 s""#), "the last result, the total time")
        #expect(dot.contains(#"label="Output → Input\n1200 rows""#))
        #expect(dot.contains(#"label="Errors → Input\n3 rows""#))
        #expect(dot.contains(#"label="\#(notify.name)\nsluice.setVariable\nnot run""#))
        #expect(!PackageGraph.dot(p).contains("not run"), "without an overlay nothing says not run")
    }

    @Test func durationsReadInTheirBestUnit() {
        #expect(GraphOverlayTests.describe(999) == "999 µs")
        #expect(GraphOverlayTests.describe(1_234) == "1.2 ms")
        #expect(GraphOverlayTests.describe(61_000_000) == "1 min 1 s")
        #expect(GraphOverlayTests.describe(Int64.max).hasSuffix("min"))
    }

    static func describe(_ micros: Int64) -> String {
        // Through the overlay, as the label shows it.
        var p = Package(name: "D")
        p.executables = [.task("T", component: "c")]
        let dot = PackageGraph.dot(p, overlay: GraphOverlay(events: [post(p.executables[0], .success, micros: micros)]))
        guard let start = dot.range(of: "Success, "), let end = dot[start.upperBound...].firstIndex(of: "\"") else { return "" }
        return String(dot[start.upperBound..<end])
    }
}

@Suite struct PackageGraphMissingEndpointTests {
    @Test func aConstraintOrPathToNothingDrawsARedMissingNode() {
        var p = Package(name: "P")
        p.executables = [.task("A", component: "c"), .dataFlow("Flow", DataFlow(
            components: [DataFlowComponent("Read", component: "src", outputs: [DataFlowOutput("Output")])],
            paths: [DataFlowPath(from: "Read", output: "Output", to: "Nowhere", input: "Input")]))]
        p.connect("A", to: "Ghost")
        let dot = PackageGraph.dot(p)
        #expect(dot.contains(##"m3 [label="missing: Ghost", style="dashed", color="#c62828", fontcolor="#c62828"];"##))
        #expect(dot.contains("n1 -> m3 ["))
        #expect(dot.contains(##"m4 [label="missing: Nowhere""##))
        #expect(dot.contains("n2_0 -> m4 ["))
    }
}
