import Testing
import SluiceCore

@Suite struct PackageStructureTests {
    private func task(_ name: String) -> Executable { .task(name, component: "sluice.setVariable") }

    /// A small, sound package: A → B → C with a nested container and a handler.
    private func sound() -> Package {
        var package = Package(name: "Sound")
        package.variables = [Variable("User::X", type: .i4, value: .int(0)), Variable("Custom::X", type: .i4)]
        package.parameters = [Parameter("P", type: .i4, value: .int(1)), Parameter("Q", type: .wstr)]
        package.connections = [ConnectionManager("Db", kind: "sluice.sqlite", connectionString: "a.db")]
        var box = Executable("C", kind: .sequence)
        box.executables = [task("C1"), task("C2")]
        box.connect("C1", to: "C2", on: .completion)
        package.executables = [task("A"), task("B"), box]
        package.connect("A", to: "B")
        package.connect("B", to: "C", on: .failure)
        package.connect("A", to: "C", logicalAnd: false)
        var handler = EventHandler(.error)
        handler.container.executables = [task("A")]  // handler names are their own scope
        package.eventHandlers = [handler]
        return package
    }

    @Test func aSoundPackageHasNoProblems() throws {
        #expect(PackageStructure.problems(in: sound()).isEmpty)
        try PackageStructure.check(sound())
    }

    @Test func theExamplesAndTheFullSampleAreSound() throws {
        #expect(PackageStructure.problems(in: SamplePackages.everyFeature()).map(\.text) == [])
        for name in RepositoryFiles.exampleNames {
            let package = try PackageFile.load(from: RepositoryFiles.example(name).path)
            #expect(PackageStructure.problems(in: package).map(\.text) == [], "\(name)")
        }
    }

    @Test func reportsDuplicateExecutableNames() throws {
        var package = sound()
        package.executables.append(task("B"))
        let problems = PackageStructure.problems(in: package)
        #expect(problems.map(\.message) == [.duplicateName])
        #expect(problems.first?.text == "The executable name \"B\" is used more than once in \\Sound.")
        #expect(throws: SluiceError.self) { try PackageStructure.check(package) }
    }

    @Test func reportsDuplicateNamesInNestedContainersWithTheirPath() throws {
        var package = sound()
        package.executables[2].executables.append(task("C1"))
        package.executables[2].variables = [Variable("User::V", type: .i4), Variable("V", type: .wstr)]
        let texts = PackageStructure.problems(in: package).map(\.text)
        #expect(texts == [
            "The executable name \"C1\" is used more than once in \\Sound\\C.",
            "The variable name \"User::V\" is used more than once in \\Sound\\C.",
        ])
    }

    @Test func reportsDuplicateParametersAndConnections() {
        var package = sound()
        package.parameters.append(Parameter("P", type: .wstr))
        package.connections.append(ConnectionManager("Db", kind: "sluice.file", connectionString: "x"))
        let problems = PackageStructure.problems(in: package)
        #expect(problems.map(\.message) == [.duplicateName, .duplicateName])
        #expect(problems[0].inserts["kind"] == "parameter")
        #expect(problems[1].inserts["kind"] == "connection manager")
    }

    @Test func allowsTheSameVariableNameInDifferentNamespacesAndScopes() {
        var package = sound()
        package.executables[2].variables = [Variable("User::X", type: .wstr)]  // shadows the package's
        #expect(PackageStructure.problems(in: package).isEmpty)
    }

    @Test func reportsAConstraintToAMissingExecutable() throws {
        var package = sound()
        package.connect("B", to: "Nowhere")
        let problem = try #require(PackageStructure.problems(in: package).first)
        #expect(problem.message == .constraintEndpointMissing)
        #expect(problem.name == "SLUICE_E_CONSTRAINT_ENDPOINT_MISSING")
        #expect(problem.text.contains("refers to \"Nowhere\""))
    }

    @Test func reportsAConstraintFromAnExecutableOfAnotherContainer() {
        var package = sound()
        package.connect("C1", to: "A")  // C1 lives inside C
        let problems = PackageStructure.problems(in: package)
        #expect(problems.map(\.message) == [.constraintEndpointMissing])
        #expect(problems.first?.inserts["name"] == "C1")
    }

    @Test func reportsACycleAndListsIt() throws {
        var package = sound()
        package.connect("C", to: "A")
        let problems = PackageStructure.problems(in: package)
        #expect(problems.map(\.message) == [.constraintCycle])
        #expect(problems.first?.inserts["cycle"] == "A → B → C → A")
        #expect(problems.first?.text == "The precedence constraints in \\Sound form a cycle: A → B → C → A.")
    }

    @Test func reportsACycleInANestedContainerAndASelfLoop() {
        var package = sound()
        package.executables[2].connect("C2", to: "C1")
        package.connect("B", to: "B")
        let problems = PackageStructure.problems(in: package)
        #expect(problems.map(\.message) == [.constraintCycle, .constraintCycle])
        #expect(problems.map { $0.inserts["cycle"] } == ["B → B", "C1 → C2 → C1"])
        #expect(problems.map { $0.inserts["container"] } == ["\\Sound", "\\Sound\\C"])
    }

    @Test func aDiamondIsNotACycle() {
        var package = Package(name: "Diamond")
        package.executables = ["A", "B", "C", "D"].map(task)
        package.connect("A", to: "B")
        package.connect("A", to: "C")
        package.connect("B", to: "D")
        package.connect("C", to: "D")
        #expect(PackageStructure.problems(in: package).isEmpty)
    }

    @Test func refusesToDeclareSystemVariables() throws {
        var package = sound()
        package.variables.append(Variable("System::PackageName", type: .wstr))
        let problem = try #require(PackageStructure.problems(in: package).first)
        #expect(problem.message == .reservedNamespace)
        #expect(problem.text == "Variable \"System::PackageName\" cannot be declared: the System namespace is reserved for the runtime.")
    }

    @Test func checksVariablesOfEventHandlersToo() {
        var package = sound()
        package.eventHandlers[0].container.variables = [Variable("System::Propagate", type: .bool)]
        #expect(PackageStructure.problems(in: package).map(\.message) == [.reservedNamespace])
    }

    @Test(arguments: [
        ("", "it is empty"), ("   ", "it is empty"), (#"a\b"#, #"it contains '\'"#), ("a[1]", "it contains '['"),
        ("x]", "it contains ']'"),
    ])
    func refusesInvalidExecutableNames(_ name: String, _ reason: String) throws {
        var package = sound()
        package.executables.append(task(name))
        let problem = try #require(PackageStructure.problems(in: package).first)
        #expect(problem.message == .nameInvalid)
        #expect(problem.inserts["kind"] == "executable")
        #expect(problem.inserts["reason"] == reason)
    }

    @Test func refusesInvalidVariableAndPackageNames() {
        var package = sound()
        package.name = "Bad[name]"
        package.variables.append(Variable("User::", type: .wstr))
        let problems = PackageStructure.problems(in: package)
        #expect(problems.map(\.message) == [.nameInvalid, .nameInvalid])
        #expect(problems.map { $0.inserts["kind"] } == ["executable", "variable"])
    }

    @Test func reportsAParameterWhoseValueDoesNotFitItsType() {
        var package = sound()
        package.parameters.append(Parameter("Limit", type: .i1, value: .int(500)))
        let problems = PackageStructure.problems(in: package)
        #expect(problems.map(\.message) == [.typeMismatch])
        #expect(problems.first?.text.contains("parameter Limit") == true)
    }

    @Test func reportsEveryProblemNotJustTheFirst() {
        var package = sound()
        package.executables.append(task("A"))
        package.connect("A", to: "Missing")
        package.variables.append(Variable("System::X", type: .wstr))
        let messages = Set(PackageStructure.problems(in: package).map(\.message))
        #expect(messages == [.duplicateName, .constraintEndpointMissing, .reservedNamespace])
    }
}
