import Foundation
import SluiceCore

/// Files of the repository the tests read: the schema and the example packages.
enum RepositoryFiles {
    /// The repository root, found from this file's own path.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Support
        .deletingLastPathComponent()  // SluiceCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()

    static let schema = root.appendingPathComponent("schema/package.schema.json")
    static let projectSchema = root.appendingPathComponent("schema/project.schema.json")
    static let examplesDirectory = root.appendingPathComponent("examples")

    /// The names of the package files in `examples/`, sorted.
    static let exampleNames: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examplesDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".sluice.json") }.sorted()
    }()

    static func example(_ name: String) -> URL { examplesDirectory.appendingPathComponent(name) }

    static func bytes(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    static func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    static func parse(_ url: URL) throws -> JSONValue { try JSONParser.parse(try bytes(url)) }
}

/// Packages built object by object in Swift.
enum SamplePackages {
    static func uuid(_ text: String) -> UUID { UUID(uuidString: text)! }

    static func task(_ name: String, setting variable: String, to value: String) -> Executable {
        .task(name, component: "sluice.setVariable", properties: [("variable", .string(variable)), ("value", .string(value))])
    }

    /// A package that uses every feature of the file format, with fixed ids so its file is
    /// always the same.
    /// A sound data flow with every field of the format: a source, a Conditional Split with an
    /// exclusion group and an error output, a Union All with an optional input, a destination.
    static func everyDataFlowFeature() -> DataFlow {
        var flow = DataFlow(defaultBufferMaxRows: 5_000)
        var source = DataFlowComponent("Read", component: "sluice.flatFileSource", properties: JSONObject([("connection", "Orders")]))
        source.description = "Orders, one per line."
        source.outputs = [DataFlowOutput("Output", columns: [
            DataFlowColumn("id", lineageID: 1, type: .i4),
            DataFlowColumn("name", lineageID: 2, type: .wstr, length: 50),
            DataFlowColumn("amount", lineageID: 3, type: .numeric, precision: 18, scale: 2),
        ])]
        let split = DataFlowComponent(
            "Split", component: "sluice.conditionalSplit",
            properties: JSONObject([("conditions", .array([.object(JSONObject([("output", "Big"), ("expression", "amount > 100")]))]))]),
            inputs: [DataFlowInput("Input", columns: [DataFlowInputColumn(lineageID: 3, type: .numeric, precision: 18, scale: 2)])],
            outputs: [
                DataFlowOutput("Big", synchronousInput: "Input", exclusionGroup: 1),
                DataFlowOutput("Default", synchronousInput: "Input", exclusionGroup: 1),
                DataFlowOutput("Error", columns: [
                    DataFlowColumn("ErrorCode", lineageID: 4, type: .i4), DataFlowColumn("ErrorColumn", lineageID: 5, type: .i4),
                ], synchronousInput: "Input", isErrorOutput: true, exclusionGroup: 1),
            ])
        let union = DataFlowComponent(
            "Union", component: "acme.unionAll",
            inputs: [
                DataFlowInput("Input 1", columns: [DataFlowInputColumn(lineageID: 1), DataFlowInputColumn(lineageID: 2, type: .wstr)]),
                DataFlowInput("Input 2", required: false, columns: [DataFlowInputColumn(lineageID: 1)]),
            ],
            outputs: [DataFlowOutput("Output", columns: [DataFlowColumn("id", lineageID: 6, type: .i4)])])
        let write = DataFlowComponent(
            "Write", component: "sluice.flatFileDestination",
            inputs: [DataFlowInput("Input", columns: [DataFlowInputColumn(lineageID: 6, type: .i4, length: 0)])])
        flow.components = [source, split, union, write]
        flow.paths = [
            DataFlowPath(from: "Read", output: "Output", to: "Split", input: "Input"),
            DataFlowPath(from: "Split", output: "Big", to: "Union", input: "Input 1"),
            DataFlowPath(from: "Split", output: "Default", to: "Union", input: "Input 2"),
            DataFlowPath(from: "Union", output: "Output", to: "Write", input: "Input"),
        ]
        return flow
    }

    static func everyFeature() -> Package {
        var package = Package(
            name: "Everything", id: uuid("65E1F5FD-C8F2-4070-89A6-7493013BB52E"),
            description: "Uses every feature of the package file format.")
        package.maxConcurrentExecutables = 4
        package.locale = .englishUnitedKingdom
        package.root.delayValidation = true
        package.root.maximumErrorCount = 3
        package.root.executionValueVariable = "User::Count"
        package.root.propertyExpressions = ["Description": "\"Run on \" + (DT_WSTR, 30)GETDATE()"]

        package.variables = [
            Variable("User::Name", type: .wstr, value: .string("Ada \"the first\" Lovelace\n"), description: "Quoted, with a newline."),
            Variable("User::Unicode", type: .ntext, value: .string("Grüße, 世界 😀")),
            Variable("User::Small", type: .i1, value: .int(-128)),
            Variable("User::Short", type: .i2, value: .int(32767)),
            Variable("User::Count", type: .i4, value: .int(42), readOnly: true),
            Variable("User::Big", type: .i8, value: .int(Int64.max)),
            Variable("User::Byte", type: .ui1, value: .uint(255)),
            Variable("User::Huge", type: .ui8, value: .uint(UInt64.max)),
            Variable("User::Ratio", type: .r8, value: .real(2.5)),
            Variable("User::Whole", type: .r8, value: .real(3)),
            Variable("User::Single", type: .r4, value: .real(0.25)),
            Variable("User::Price", type: .numeric, value: .decimal(Decimal(string: "12345.6789")!)),
            Variable("User::Money", type: .currency, value: .decimal(Decimal(string: "-0.0001")!)),
            Variable("User::Flag", type: .bool, value: .bool(true), raiseChangedEvent: true),
            Variable("User::When", type: .dbTimestamp, value: .date(Date(timeIntervalSince1970: 1_790_000_000.25))),
            Variable("User::Day", type: .dbDate, value: .date(Date(timeIntervalSince1970: 1_795_564_800))),
            Variable("User::Key", type: .guid, value: .guid(uuid("C40F9E72-34CF-4B31-A101-AC11C544DFC2"))),
            Variable("User::Blob", type: .bytes, value: .bytes([0xDE, 0xAD, 0xBE, 0xEF, 0x00])),
            Variable("User::Empty", type: .image, value: .bytes([])),
            Variable("User::Nothing", type: .wstr),
            Variable("User::Rows", type: .object),
            Variable("Custom::Shout", type: .wstr, description: "Evaluated on every read.", expression: "UPPER(@[User::Name])"),
        ]
        package.parameters = [
            Parameter("Region", type: .wstr, value: .string("emea"), required: true, description: "Sales region."),
            Parameter("Limit", type: .i4, value: .int(100)),
            Parameter("Since", type: .dbTimestampOffset, value: .date(Date(timeIntervalSince1970: 1_767_225_600))),
            Parameter("Password", type: .wstr, value: .string("s3cret"), sensitive: true),
        ]
        package.connections = [
            ConnectionManager(
                "Warehouse", kind: "sluice.sqlite", connectionString: "/var/lib/sluice/warehouse.db",
                id: uuid("9CEFD82D-8775-41D2-A6EE-7D588BE11509"), description: "The reporting database.",
                properties: JSONObject([("readOnly", false), ("busyTimeoutMs", 5000)])),
            ConnectionManager(
                "Input", kind: "sluice.file", connectionString: "/data/in.csv", id: uuid("0B0C4E37-1AEE-404C-8935-1570F0329D83")),
        ]

        var prepare = task("Prepare", setting: "User::Name", to: "Grace")
        prepare.id = uuid("780CFB21-C573-47D2-BE6F-F79D6DAE1D80")
        prepare.description = "Sets the name."
        prepare.failPackageOnFailure = true
        prepare.executionValueVariable = "User::Count"
        prepare.propertyExpressions = ["value": "@[$Package::Region]", "variable": "\"User::Name\""]

        var load = Executable("Load", kind: .sequence, id: uuid("97432BDC-6FA1-4C6D-8847-B72E0184A3EB"), description: "Nested work.")
        load.variables = [Variable("User::Batch", type: .i4, value: .int(0))]
        var extract = task("Extract", setting: "User::Batch", to: "1")
        extract.id = uuid("64E9C570-9E6F-44D3-8997-141B19E44D47")
        extract.disabled = true
        var transform = Executable.task(
            "Transform", component: "example.transform",
            properties: [
                ("zeta", .array([1, 2, 3])), ("alpha", .object(JSONObject([("nested", true), ("list", [.null, 1.5, "x"])]))),
                ("count", 7), ("ratio", 0.5), ("label", "it's"),
            ])
        transform.id = uuid("5F3407EE-87CB-4FFB-83B6-DD3E79BBA397")
        transform.maximumErrorCount = 0
        transform.forceExecutionResult = .failure
        var inner = Executable("Inner", kind: .sequence, id: uuid("6AA8A05E-1A6A-40CF-B467-7A74733ACF0C"))
        var deep = task("Deep", setting: "User::Batch", to: "3")
        deep.id = uuid("6730E646-F56E-4721-9BD3-FD7CBD0908B1")
        inner.executables = [deep]
        load.executables = [extract, transform, inner]
        load.connect("Extract", to: "Transform")
        load.constraints.append(
            PrecedenceConstraint(
                from: "Transform", to: "Inner", value: .completion, evaluation: .expressionAndConstraint,
                expression: "@[User::Batch] > 0"))
        var onTaskFailed = EventHandler(.taskFailed)
        onTaskFailed.container.id = uuid("CC563FC0-73AE-485D-941E-674E8C5AE43A")
        var note = task("Note failure", setting: "User::Name", to: "failed")
        note.id = uuid("66E4C3E0-5B1D-478F-9D98-8DA7E852E33B")
        onTaskFailed.container.executables = [note]
        load.eventHandlers = [onTaskFailed]

        var report = task("Report", setting: "User::Name", to: "done")
        report.id = uuid("339C2799-0B1D-4A00-8E51-A4FDB308407C")
        report.failParentOnFailure = true
        var cleanup = task("Clean up", setting: "User::Name", to: "cleaned")
        cleanup.id = uuid("B4025BF4-F1AD-4596-8A0E-084BB4C16DE2")
        cleanup.forceExecutionResult = .success
        var audit = task("Audit", setting: "User::Name", to: "audited")
        audit.id = uuid("E0044D38-AF88-4A6F-B690-DFAD750F7841")
        audit.forceExecutionResult = .completion

        var copy = Executable.dataFlow("Copy rows", everyDataFlowFeature())
        copy.id = uuid("3C0E4B52-2D7B-4C39-9F0B-6A1E5D2C7A10")
        package.executables = [prepare, load, report, cleanup, audit, copy]
        package.connect("Prepare", to: "Load")
        package.connect("Load", to: "Report", logicalAnd: false)
        package.connect("Prepare", to: "Report", on: .completion, logicalAnd: false)
        package.connect("Load", to: "Clean up", on: .failure)
        package.constraints.append(
            PrecedenceConstraint(from: "Report", to: "Audit", evaluation: .expression, expression: "@[User::Count] > 0"))
        package.constraints.append(
            PrecedenceConstraint(
                from: "Clean up", to: "Audit", evaluation: .expressionOrConstraint, expression: "@[$Package::Limit] < 10",
                logicalAnd: false))

        var onError = EventHandler(.error)
        onError.container.id = uuid("DF0FCEC8-9763-46A0-B9E7-6E2C0682DEFE")
        onError.container.delayValidation = true
        onError.container.maximumErrorCount = 5
        onError.container.variables = [Variable("User::Failures", type: .i4, value: .int(0))]
        var flag = task("Flag", setting: "User::Flag", to: "False")
        flag.id = uuid("F103AA6A-14AD-49E7-8C34-A26D8A698C87")
        var count = task("Count", setting: "User::Failures", to: "1")
        count.id = uuid("F3646487-C88D-45D9-95E5-95057DA6A2BB")
        onError.container.executables = [flag, count]
        onError.container.connect("Flag", to: "Count")
        var onPostExecute = EventHandler(.postExecute)
        onPostExecute.container.id = uuid("64074E4B-A54B-4F62-A838-58C70B961C84")
        onPostExecute.container.disabled = true
        onPostExecute.container.failPackageOnFailure = true
        onPostExecute.container.failParentOnFailure = true
        onPostExecute.container.forceExecutionResult = .success
        onPostExecute.container.executionValueVariable = "User::Count"
        onPostExecute.container.propertyExpressions = ["Disable": "@[User::Flag]"]
        package.eventHandlers = [onError, onPostExecute]
        return package
    }

    /// `everyFeature()` as it reads back from its file: sensitive values are not saved.
    static func everyFeatureAfterReload() -> Package {
        var package = everyFeature()
        for i in package.parameters.indices where package.parameters[i].sensitive { package.parameters[i].value = .null }
        return package
    }
}
