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
        #expect(result.variables["User::Code"]?.value == .int(Int64(SluiceMessage.taskFailed.code)))
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
