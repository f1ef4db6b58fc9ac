import SluiceCore
import SluiceRuntime
import Testing

@Suite struct EventHandlerTests {
    @Test func onErrorHandlerRunsWithTheSourceAndErrorCode() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Handled")
        p.variables = [Variable("User::Seen", type: .wstr, value: .string(""))]
        var handler = EventHandler(.error)
        handler.container.executables = [RuntimeFixture.record("Handler")]
        p.eventHandlers = [handler]
        p.executables = [RuntimeFixture.fail("A")]
        _ = f.run(p)
        #expect(f.log.entries == ["A", "Handler"])
        #expect(f.sink.events(.preExecute).contains { $0.source.name == "Handler" && $0.inHandler })
    }

    @Test func eventsBubbleFromTheInnermostHandlerOutwards() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Bubble")
        var outer = EventHandler(.error)
        outer.container.executables = [RuntimeFixture.record("PackageHandler")]
        p.eventHandlers = [outer]
        var seq = Executable("Seq", kind: .sequence)
        var inner = EventHandler(.error)
        inner.container.executables = [RuntimeFixture.record("SeqHandler")]
        seq.eventHandlers = [inner]
        seq.executables = [RuntimeFixture.fail("A")]
        p.executables = [seq]
        _ = f.run(p)
        #expect(f.log.entries == ["A", "SeqHandler", "PackageHandler"])
    }

    @Test func propagateFalseStopsBubbling() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "NoPropagate")
        var outer = EventHandler(.error)
        outer.container.executables = [RuntimeFixture.record("PackageHandler")]
        p.eventHandlers = [outer]
        var seq = Executable("Seq", kind: .sequence)
        var inner = EventHandler(.error)
        inner.container.executables = [RuntimeFixture.record("SeqHandler", variable: "System::Propagate", value: "False")]
        seq.eventHandlers = [inner]
        seq.executables = [RuntimeFixture.fail("A")]
        p.executables = [seq]
        _ = f.run(p)
        #expect(f.log.entries == ["A", "SeqHandler"])
    }

    @Test func handlerSeesSourceNameAndErrorCode() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Vars")
        p.variables = [Variable("User::Source", type: .wstr, value: .string("")), Variable("User::Code", type: .i4, value: .int(0))]
        var h = EventHandler(.error)
        h.container.executables = [
            .task("Copy source", component: "sluice.setVariable", properties: [("variable", "User::Source"), ("sourceVariable", "System::SourceName")]),
            .task("Copy code", component: "sluice.setVariable", properties: [("variable", "User::Code"), ("sourceVariable", "System::ErrorCode")]),
        ]
        p.eventHandlers = [h]
        p.executables = [RuntimeFixture.fail("Broken")]
        let result = f.run(p)
        #expect(result.variables["User::Source"]?.value == .string("Broken"))
        // SSIS reports an HRESULT (0xC… for an error); Sluice's code is in the low 16 bits.
        let hresult = Int32(bitPattern: 0xC000_0000 | UInt32(SluiceMessage.taskFailed.code))
        #expect(result.variables["User::Code"]?.value == .int(Int64(hresult)))
    }

    @Test func variableValueChangedHandlerSeesTheVariablesIdAndDescription() throws {
        // "System Variables for Event Handlers": VariableID and VariableDescription in OnVariableValueChanged.
        let f = try RuntimeFixture()
        var p = Package(name: "Changed")
        var watched = Variable("User::Watched", type: .i4, value: .int(0), description: "rows loaded")
        watched.raiseChangedEvent = true
        p.variables = [watched, Variable("User::Id", type: .wstr, value: .string("")), Variable("User::Text", type: .wstr, value: .string(""))]
        var h = EventHandler(.variableValueChanged)
        h.container.executables = [
            .task("Id", component: "sluice.setVariable", properties: [("variable", "User::Id"), ("sourceVariable", "System::VariableID")]),
            .task("Text", component: "sluice.setVariable", properties: [("variable", "User::Text"), ("sourceVariable", "System::VariableDescription")]),
        ]
        h.container.connect("Id", to: "Text")
        p.eventHandlers = [h]
        p.executables = [.task("Set", component: "sluice.expression", properties: [("expression", "@[User::Watched] = 5")])]
        let result = f.run(p)
        #expect(result.result == .success)
        #expect(result.variables["User::Text"]?.value == .string("rows loaded"))
        guard case .string(let id)? = result.variables["User::Id"]?.value else {
            Issue.record("no VariableID")
            return
        }
        #expect(id.count == 38 && id.hasPrefix("{") && id == id.uppercased())
        #expect(f.run(p).variables["User::Id"]?.value == .string(id), "the same variable has the same id in every run")
    }

    @Test func settingCancelInOnErrorCancelsTheRun() throws {
        // Cancel: "whether the event handler stops running when an error … occurs".
        let f = try RuntimeFixture()
        var p = Package(name: "Cancel")
        var h = EventHandler(.error)
        h.container.executables = [RuntimeFixture.record("Stop", variable: "System::Cancel", value: "True")]
        p.eventHandlers = [h]
        p.executables = [RuntimeFixture.fail("A"), RuntimeFixture.record("B")]
        p.connect("A", to: "B", on: .completion)
        let result = f.run(p)
        #expect(!f.log.entries.contains("B"), "\(f.log.entries)")
        #expect(result.result != .success)
    }

    @Test func sourceDescriptionIsTheRaisingExecutables() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "Desc")
        p.variables = [Variable("User::D", type: .wstr, value: .string(""))]
        var h = EventHandler(.error)
        h.container.executables = [
            .task("Copy", component: "sluice.setVariable", properties: [("variable", "User::D"), ("sourceVariable", "System::SourceDescription")])
        ]
        p.eventHandlers = [h]
        var broken = RuntimeFixture.fail("Broken")
        broken.description = "loads the ledger"
        p.executables = [broken]
        #expect(f.run(p).variables["User::D"]?.value == .string("loads the ledger"))
    }

    @Test func handlerErrorsDoNotTriggerTheSameHandlerAgain() throws {
        let f = try RuntimeFixture()
        var p = Package(name: "NoLoop")
        var h = EventHandler(.error)
        h.container.executables = [RuntimeFixture.fail("FailsInHandler")]
        p.eventHandlers = [h]
        p.executables = [RuntimeFixture.fail("A")]
        _ = f.run(p)
        #expect(f.log.entries == ["A", "FailsInHandler"])
        #expect(f.sink.events(.warning).contains { $0.code == SluiceMessage.eventHandlerFailed.code })
    }
}
