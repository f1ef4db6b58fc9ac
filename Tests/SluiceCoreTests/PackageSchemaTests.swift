import Foundation
import Testing
import SluiceCore

private func json(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

/// The package schema, loaded once.
private let packageSchema = Result { try SchemaValidator(try RepositoryFiles.parse(RepositoryFiles.schema)) }

private func loadSchema() throws -> SchemaValidator { try packageSchema.get() }

extension JSONValue {
    /// This value with the member at a JSON Pointer replaced by `newValue`, or removed when it is nil.
    /// The pointer "" replaces the whole value.
    func setting(_ pointer: String, to newValue: JSONValue?) -> JSONValue? {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        return setting(tokens[...], to: newValue)
    }

    private func setting(_ tokens: ArraySlice<String>, to newValue: JSONValue?) -> JSONValue? {
        guard let first = tokens.first else { return newValue }
        switch self {
        case .object(var object):
            if tokens.count == 1 {
                object[first] = newValue
            } else {
                object[first] = object[first]?.setting(tokens.dropFirst(), to: newValue)
            }
            return .object(object)
        case .array(var items):
            guard let i = Int(first), items.indices.contains(i) else { return self }
            items[i] = items[i].setting(tokens.dropFirst(), to: newValue) ?? .null
            return .array(items)
        default:
            return self
        }
    }
}

// MARK: - The validator itself

@Suite struct SchemaValidatorTests {
    private func failures(_ schema: String, _ instance: String) throws -> [SchemaValidator.Failure] {
        try SchemaValidator(try json(schema)).validate(try json(instance))
    }

    private func accepts(_ schema: String, _ instance: String) throws -> Bool { try failures(schema, instance).isEmpty }

    @Test func checksTypesWithIntegerMeaningAnyWholeNumber() throws {
        #expect(try accepts(#"{"type": "integer"}"#, "1"))
        #expect(try accepts(#"{"type": "integer"}"#, "1.0"))
        #expect(try !accepts(#"{"type": "integer"}"#, "1.5"))
        #expect(try accepts(#"{"type": "number"}"#, "7"))
        #expect(try accepts(#"{"type": ["string", "null"]}"#, "null"))
        #expect(try !accepts(#"{"type": ["string", "null"]}"#, "false"))
        #expect(try failures(#"{"type": "object"}"#, "[]").map(\.message) == ["expected object, found array"])
    }

    @Test func comparesEnumAndConstByJSONValue() throws {
        #expect(try accepts(#"{"const": 1}"#, "1.0"))
        #expect(try !accepts(#"{"const": 1}"#, "\"1\""))
        #expect(try accepts(#"{"const": {"a": 1, "b": [true]}}"#, #"{"b": [true], "a": 1}"#))
        #expect(try accepts(#"{"enum": ["a", null, 2]}"#, "null"))
        #expect(try failures(#"{"enum": ["a", 2]}"#, #""b""#).map(\.message) == [#""b" is not one of "a", 2"#])
    }

    @Test func checksPropertiesRequiredAndAdditionalProperties() throws {
        let schema = #"{"properties": {"a": {"type": "string"}}, "required": ["a"], "additionalProperties": false}"#
        #expect(try accepts(schema, #"{"a": "x"}"#))
        #expect(try failures(schema, "{}").map(\.message) == [#"missing required property "a""#])
        let unknown = try failures(schema, #"{"a": "x", "b/c": 1}"#)
        #expect(unknown.map(\.instancePath) == ["/b~1c"])
        #expect(unknown.map(\.schemaPath) == ["#/additionalProperties"])
        let typed = #"{"properties": {"a": true}, "additionalProperties": {"type": "integer"}}"#
        #expect(try accepts(typed, #"{"a": "x", "n": 1}"#))
        #expect(try failures(typed, #"{"n": "one"}"#).map(\.instancePath) == ["/n"])
        #expect(try accepts(schema, "[]"), "object keywords ignore other types")
    }

    @Test func checksItemsWithTheirIndexInThePath() throws {
        let found = try failures(#"{"items": {"type": "integer", "minimum": 0}}"#, "[1, -2, 3, \"x\"]")
        #expect(found.map(\.instancePath) == ["/1", "/3"])
        #expect(try accepts(#"{"items": false}"#, "[]"))
        #expect(try !accepts(#"{"items": false}"#, "[1]"))
    }

    @Test func followsLocalReferences() throws {
        let schema = #"""
            {"$defs": {"node": {"type": "object", "properties": {"next": {"$ref": "#/$defs/node"}, "v": {"$ref": "#/$defs/a~1b"}},
                                "additionalProperties": false},
                       "a/b": {"type": "integer"}},
             "$ref": "#/$defs/node"}
            """#
        #expect(try accepts(schema, #"{"next": {"next": {"v": 1}}}"#))
        let found = try failures(schema, #"{"next": {"next": {"v": "x"}}}"#)
        #expect(found.map(\.instancePath) == ["/next/next/v"])
        #expect(found.map(\.schemaPath) == ["#/$defs/a~1b/type"])
    }

    @Test func requiresExactlyOneOneOfAlternativeAndAtLeastOneAnyOf() throws {
        let oneOf = #"{"oneOf": [{"type": "integer"}, {"type": "number"}]}"#
        #expect(try accepts(oneOf, "1.5"))
        #expect(try failures(oneOf, "1").map(\.message) == ["matches 2 alternatives; exactly one is required"])
        #expect(try !accepts(oneOf, "\"x\""))
        let anyOf = #"{"anyOf": [{"type": "integer"}, {"type": "number"}]}"#
        #expect(try accepts(anyOf, "1"))
        let none = try failures(anyOf, "\"x\"")
        #expect(none.first?.message == "matches none of the 2 alternatives")
        #expect(none.count == 2, "the closest alternative's failure follows")
    }

    @Test func appliesThenOnlyWhenIfMatches() throws {
        let schema = #"{"if": {"properties": {"kind": {"const": "a"}}}, "then": {"required": ["x"]}}"#
        #expect(try accepts(schema, #"{"kind": "b"}"#))
        #expect(try !accepts(schema, #"{"kind": "a"}"#))
        #expect(try accepts(schema, #"{"kind": "a", "x": 0}"#))
    }

    @Test func matchesPatternsAnywhereInTheString() throws {
        #expect(try accepts(#"{"pattern": "b+"}"#, #""abbbc""#))
        #expect(try !accepts(#"{"pattern": "^b+$"}"#, #""abbbc""#))
        #expect(try accepts(#"{"pattern": "^x$"}"#, "5"), "pattern ignores non-strings")
    }

    @Test func acceptsEverythingWithTrueAndNothingWithFalse() throws {
        #expect(try accepts("true", #"{"any": [1]}"#))
        #expect(try !accepts("false", "null"))
    }

    @Test(arguments: [
        (#"{"maxItems": 1}"#, "#/maxItems"),
        (#"{"properties": {"a": {"format": "date"}}}"#, "#/properties/a/format"),
        (#"{"anyOf": [{"not": {}}]}"#, "#/anyOf/0/not"),
        (#"{"if": true, "else": false}"#, "#/else"),
        (##"{"$ref": "#/$defs/missing"}"##, "#/$ref"),
        (#"{"$ref": "https://example.com/other.json"}"#, "#/$ref"),
        (#"{"type": "float"}"#, "#/type"),
        (#"{"pattern": "("}"#, "#/pattern"),
        (#"{"required": "a"}"#, "#/required"),
        (#"{"oneOf": []}"#, "#/oneOf"),
        ("3", "#"),
    ])
    func refusesASchemaItCannotCheckFully(_ schema: String, _ path: String) throws {
        let error = try #require(throws: SchemaValidator.SchemaError.self) { try SchemaValidator(try json(schema)) }
        #expect(error.schemaPath == path)
    }
}

// MARK: - The package schema

/// An edit that makes a valid package document invalid, with where the schema must object and
/// what `PackageFile.decode` must say.
struct InvalidDocument: Sendable, CustomTestStringConvertible {
    var summary: String
    /// The JSON Pointer of the member to replace or remove ("" for the whole document).
    var pointer: String
    /// The new member, or nil to remove it.
    var value: JSONValue?
    /// A JSON Pointer at which the schema must report a failure.
    var schemaReportsAt: String
    var decoderMessage: SluiceMessage
    /// The location `SLUICE_E_PACKAGE_FIELD_INVALID` must name.
    var decoderLocation: String?

    var testDescription: String { summary }

    init(_ summary: String, _ pointer: String, _ value: JSONValue?, schemaAt: String? = nil,
         decoder message: SluiceMessage = .packageFieldInvalid, at location: String? = nil) {
        self.summary = summary
        self.pointer = pointer
        self.value = value
        self.schemaReportsAt = schemaAt ?? pointer
        self.decoderMessage = message
        self.decoderLocation = location
    }

    static let all: [InvalidDocument] = [
        // Unknown keys.
        InvalidDocument("an unknown top-level key", "/extra", 1, at: "$.extra"),
        InvalidDocument("an unknown package key", "/package/dissabled", true, at: "package.dissabled"),
        InvalidDocument("an unknown key in a nested task", "/package/executables/1/executables/0/colour", "red",
                        at: "package.executables[1].executables[0].colour"),
        InvalidDocument("an unknown key in an event handler", "/package/eventHandlers/0/name", "H",
                        at: "package.eventHandlers[0].name"),
        InvalidDocument("an unknown key in a variable", "/package/variables/0/scope", "here", at: "package.variables[0].scope"),
        InvalidDocument("an unknown key in a parameter", "/package/parameters/0/secret", true, at: "package.parameters[0].secret"),
        InvalidDocument("an unknown key in a connection", "/package/connections/0/password", "x",
                        at: "package.connections[0].password"),
        InvalidDocument("an unknown key in a constraint", "/package/constraints/0/Value", "Success",
                        at: "package.constraints[0].Value"),
        InvalidDocument("an unknown key in a data flow component", "/package/executables/5/components/0/colour", "red",
                        at: "package.executables[5].components[0].colour"),
        InvalidDocument("an unknown key in a data flow path", "/package/executables/5/paths/0/via", "X",
                        at: "package.executables[5].paths[0].via"),
        InvalidDocument("a data flow column without a type", "/package/executables/5/components/0/outputs/0/columns/0/type", nil,
                        schemaAt: "/package/executables/5/components/0/outputs/0/columns/0",
                        at: "package.executables[5].components[0].outputs[0].columns[0].type"),
        InvalidDocument("a data flow input column without a lineage id", "/package/executables/5/components/1/inputs/0/columns/0/lineageId", nil,
                        schemaAt: "/package/executables/5/components/1/inputs/0/columns/0",
                        at: "package.executables[5].components[1].inputs[0].columns[0].lineageId"),
        InvalidDocument("a data flow path without its input", "/package/executables/5/paths/0/input", nil,
                        schemaAt: "/package/executables/5/paths/0", at: "package.executables[5].paths[0].input"),
        InvalidDocument("a negative lineage id", "/package/executables/5/components/0/outputs/0/columns/1/lineageId", -2,
                        at: "package.executables[5].components[0].outputs[0].columns[1].lineageId"),
        InvalidDocument("a data flow of no rows per batch", "/package/executables/5/defaultBufferMaxRows", 0,
                        at: "package.executables[5].defaultBufferMaxRows"),
        InvalidDocument("components on a task", "/package/executables/0/components", [],
                        schemaAt: "/package/executables/0", at: "package.executables[0].components"),
        InvalidDocument("a component on a data flow", "/package/executables/5/component", "x",
                        schemaAt: "/package/executables/5", at: "package.executables[5].component"),
        InvalidDocument("a component on a sequence", "/package/executables/1/component", "x",
                        schemaAt: "/package/executables/1", at: "package.executables[1].component"),
        // Values outside an enumeration.
        InvalidDocument("a misspelt constraint value", "/package/constraints/0/value", "Sucess", at: "package.constraints[0].value"),
        InvalidDocument("an unknown evaluation", "/package/constraints/4/evaluation", "Both", at: "package.constraints[4].evaluation"),
        InvalidDocument("an unknown data type", "/package/variables/0/type", "DT_INT", at: "package.variables[0].type"),
        InvalidDocument("an unknown parameter type", "/package/parameters/1/type", "int", at: "package.parameters[1].type"),
        InvalidDocument("an unknown forced result", "/package/executables/0/forceExecutionResult", "Maybe",
                        at: "package.executables[0].forceExecutionResult"),
        InvalidDocument("an unknown event", "/package/eventHandlers/1/event", "OnBoom", at: "package.eventHandlers[1].event"),
        InvalidDocument("an unknown executable type", "/package/executables/2/type", "container", at: "package.executables[2].type"),
        InvalidDocument("another format", "/format", "ssis.dtsx", decoder: .formatUnknown),
        InvalidDocument("format version 2", "/formatVersion", 2, decoder: .formatVersionUnsupported),
        // Missing required members.
        InvalidDocument("no package", "/package", nil, schemaAt: "", at: "$.package"),
        InvalidDocument("no format", "/format", nil, schemaAt: "", decoder: .formatUnknown),
        InvalidDocument("no format version", "/formatVersion", nil, schemaAt: "", decoder: .formatVersionUnsupported),
        InvalidDocument("a package without a name", "/package/name", nil, schemaAt: "/package", at: "package.name"),
        InvalidDocument("an executable without a name", "/package/executables/0/name", nil, schemaAt: "/package/executables/0",
                        at: "package.executables[0].name"),
        InvalidDocument("an executable without a type", "/package/executables/3/type", nil, schemaAt: "/package/executables/3",
                        at: "package.executables[3].type"),
        InvalidDocument("a task without a component", "/package/executables/0/component", nil,
                        schemaAt: "/package/executables/0", at: "package.executables[0].component"),
        InvalidDocument("a constraint without its target", "/package/constraints/0/to", nil, schemaAt: "/package/constraints/0",
                        at: "package.constraints[0].to"),
        InvalidDocument("a connection without a kind", "/package/connections/0/kind", nil, schemaAt: "/package/connections/0",
                        at: "package.connections[0].kind"),
        InvalidDocument("a variable without a name", "/package/variables/3/name", nil, schemaAt: "/package/variables/3",
                        at: "package.variables[3].name"),
        // Wrong JSON types.
        InvalidDocument("a document that is an array", "", [], decoder: .formatUnknown),
        InvalidDocument("a package that is a string", "/package", "P", at: "package"),
        InvalidDocument("a numeric name", "/package/name", 5, at: "package.name"),
        InvalidDocument("a textual flag", "/package/executables/0/disabled", "yes", at: "package.executables[0].disabled"),
        InvalidDocument("a fractional error count", "/package/maximumErrorCount", 1.5, at: "package.maximumErrorCount"),
        InvalidDocument("variables in an object", "/package/variables", .object(JSONObject()), at: "package.variables"),
        InvalidDocument("an executable that is a number", "/package/executables/4", 3, at: "package.executables[4]"),
        InvalidDocument("a numeric property expression", "/package/executables/0/propertyExpressions/value", 1,
                        at: "package.executables[0].propertyExpressions.value"),
        InvalidDocument("connection properties that are text", "/package/connections/0/properties", "x",
                        at: "package.connections[0].properties"),
        InvalidDocument("a malformed id", "/package/id", "not-a-guid", at: "package.id"),
        InvalidDocument("properties on a sequence", "/package/executables/1/properties", .object(JSONObject([("a", 1)])),
                        schemaAt: "/package/executables/1", at: "package.executables[1].properties"),
        InvalidDocument("executables inside a task", "/package/executables/0/executables",
                        [.object(JSONObject([("name", "U"), ("type", "sequence")]))],
                        schemaAt: "/package/executables/0", at: "package.executables[0].executables"),
        InvalidDocument("a boolean DT_I4 value", "/package/variables/4/value", true, schemaAt: "/package/variables/4",
                        at: "package.variables[4].value"),
        InvalidDocument("a numeric date", "/package/variables/14/value", 5, schemaAt: "/package/variables/14",
                        at: "package.variables[14].value"),
        InvalidDocument("a negative DT_UI1", "/package/variables/6/value", -1, schemaAt: "/package/variables/6",
                        at: "package.variables[6].value"),
        InvalidDocument("a boolean text value", "/package/variables/0/value", false, schemaAt: "/package/variables/0",
                        at: "package.variables[0].value"),
        InvalidDocument("a DT_OBJECT value", "/package/variables/20/value", "x", schemaAt: "/package/variables/20",
                        at: "package.variables[20].value"),
        InvalidDocument("a numeric parameter date", "/package/parameters/2/value", 1, schemaAt: "/package/parameters/2",
                        at: "package.parameters[2].value"),
    ]
}

@Suite struct PackageSchemaTests {
    /// The full sample as `PackageFile.encode` writes it.
    static func encodedSample() throws -> JSONValue { try encoded.get() }
    private static let encoded = Result { try JSONParser.parse(Array(PackageFile.encode(SamplePackages.everyFeature()).utf8)) }

    @Test func theSchemaParsesAndUsesOnlyTheSupportedKeywords() throws {
        let schema = try RepositoryFiles.parse(RepositoryFiles.schema)
        #expect(throws: Never.self) { try SchemaValidator(schema) }
        let object = try #require(schema.objectValue)
        #expect(object["$schema"] == "https://json-schema.org/draft/2020-12/schema")
        #expect(object["title"]?.stringValue?.isEmpty == false)
        #expect(object["description"]?.stringValue?.isEmpty == false)
    }

    @Test func everyDefinitionExplainsItself() throws {
        let defs = try #require(try RepositoryFiles.parse(RepositoryFiles.schema).objectValue?["$defs"]?.objectValue)
        for (name, def) in defs.entries {
            #expect(def.objectValue?["description"]?.stringValue?.isEmpty == false, "$defs/\(name) has no description")
        }
    }

    @Test func theSchemasEnumerationsMatchTheModel() throws {
        let schema = try RepositoryFiles.parse(RepositoryFiles.schema)
        func options(_ pointer: String) throws -> [JSONValue] {
            var node: JSONValue? = schema
            for token in pointer.split(separator: "/") { node = node?.objectValue?[String(token)] }
            return try #require(node?.arrayValue, "\(pointer)")
        }
        func strings<E: RawRepresentable & CaseIterable>(_: E.Type) -> [JSONValue] where E.RawValue == String {
            E.allCases.map { .string($0.rawValue) }
        }
        #expect(try options("$defs/dataType/enum") == strings(DataType.self) + [.null])
        #expect(try options("$defs/eventHandler/properties/event/enum") == strings(EventKind.self) + [.null])
        #expect(try options("$defs/constraint/properties/value/enum") == strings(PrecedenceConstraint.Outcome.self) + [.null])
        #expect(try options("$defs/constraint/properties/evaluation/enum") == strings(PrecedenceConstraint.Evaluation.self) + [.null])
        #expect(try options("$defs/forceExecutionResult/enum") == strings(ForcedExecutionResult.self) + [.null])
        #expect(schema.objectValue?["properties"]?.objectValue?["format"]?.objectValue?["const"] == .string(PackageFile.format))
        #expect(schema.objectValue?["properties"]?.objectValue?["formatVersion"]?.objectValue?["const"] == .int(PackageFile.formatVersion))
    }

    @Test func theValueRulesCoverEveryDataTypeOnce() throws {
        let schema = try RepositoryFiles.parse(RepositoryFiles.schema)
        let branches = try #require(schema.objectValue?["$defs"]?.objectValue?["valueMatchesType"]?.objectValue?["anyOf"]?.arrayValue)
        var covered: [String] = []
        for branch in branches {
            let type = branch.objectValue?["properties"]?.objectValue?["type"]?.objectValue
            covered += (type?["enum"]?.arrayValue ?? type?["const"].map { [$0] } ?? []).compactMap(\.stringValue)
        }
        #expect(covered.sorted() == DataType.allCases.map(\.rawValue).sorted())
    }

    @Test(arguments: RepositoryFiles.exampleNames)
    func everyExampleValidates(_ name: String) throws {
        let failures = try loadSchema().validate(try RepositoryFiles.parse(RepositoryFiles.example(name)))
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func aPackageWithEveryFeatureEncodesToAValidDocument() throws {
        let failures = try loadSchema().validate(try Self.encodedSample())
        #expect(failures.isEmpty, "\(failures)")
    }

    @Test func theSmallestPackageEncodesToAValidDocument() throws {
        let document = try json(PackageFile.encode(Package(name: "Empty")))
        #expect(try loadSchema().validate(document).isEmpty)
    }

    @Test func variablesAndParametersOfEveryDataTypeEncodeToValidDocuments() throws {
        let samples: [DataType: Value] = [
            .i1: .int(-1), .i2: .int(2), .i4: .int(4), .i8: .int(Int64.min), .ui1: .uint(1), .ui2: .uint(2), .ui4: .uint(4),
            .ui8: .uint(UInt64.max), .r4: .real(0.5), .r8: .real(-1e300), .currency: .decimal(1), .decimal: .decimal(2),
            .numeric: .decimal(3), .bool: .bool(false), .guid: .guid(UUID()), .str: .string("s"), .wstr: .string("w"),
            .text: .string("t"), .ntext: .string("n"), .bytes: .bytes([1]), .image: .bytes([]),
            .date: .date(Date(timeIntervalSince1970: 0)), .dbDate: .date(Date(timeIntervalSince1970: 86400)),
            .dbTime: .date(Date(timeIntervalSince1970: 3600)), .dbTime2: .date(Date(timeIntervalSince1970: 1.5)),
            .dbTimestamp: .date(Date(timeIntervalSince1970: 2)), .dbTimestamp2: .date(Date(timeIntervalSince1970: 3)),
            .dbTimestampOffset: .date(Date(timeIntervalSince1970: 4)), .fileTime: .date(Date(timeIntervalSince1970: 5)),
            .object: .null,
        ]
        var package = Package(name: "Types")
        for type in DataType.allCases {
            let value = try #require(samples[type], "no sample for \(type)")
            package.variables.append(Variable("User::V\(type.rawValue)", type: type, value: value))
            package.variables.append(Variable("User::N\(type.rawValue)", type: type))
            package.parameters.append(Parameter("P\(type.rawValue)", type: type, value: value))
        }
        let text = PackageFile.encode(package)
        let failures = try loadSchema().validate(try json(text))
        #expect(failures.isEmpty, "\(failures)")
        #expect(try PackageFile.decode(Array(text.utf8)) == package)
    }

    @Test(arguments: InvalidDocument.all)
    func anInvalidDocumentIsRejectedByTheSchemaAndByTheDecoder(_ invalid: InvalidDocument) throws {
        let document = try #require(try Self.encodedSample().setting(invalid.pointer, to: invalid.value))
        #expect(try Self.encodedSample().setting(invalid.pointer, to: invalid.value) != (try Self.encodedSample()))

        let failures = try loadSchema().validate(document)
        #expect(!failures.isEmpty, "the schema accepts it")
        #expect(failures.contains { $0.instancePath == invalid.schemaReportsAt }, "\(failures)")

        let error = try #require(throws: SluiceError.self) { try PackageFile.decode(Array(JSONWriter.write(document).utf8)) }
        #expect(error.message == invalid.decoderMessage, "\(error)")
        if let location = invalid.decoderLocation {
            #expect(error.inserts["location"] == location, "\(error)")
            #expect(error.text.contains(location))
        }
    }

    @Test(arguments: [
        ("/package/description", JSONValue.null), ("/package/id", .null), ("/package/executables/0/disabled", .null),
        ("/package/executables/0/maximumErrorCount", .null), ("/package/constraints/0/value", .null),
        ("/package/constraints/0/logicalAnd", .null), ("/package/variables/0/type", .null),
        ("/package/variables/0/namespace", .null), ("/package/eventHandlers/0/event", .null),
        ("/package/eventHandlers/0/id", .null), ("/package/executables/1/properties", .null),
        ("/package/executables/0/executables", .array([])), ("/package/executables/0/executables", .null),
        ("/package/executables", .null), ("/package/parameters/0/value", .null), ("/formatVersion", 1.0),
        ("/package/maximumErrorCount", 2.0), ("/package/id", "{65e1f5fd-c8f2-4070-89a6-7493013bb52e}"),
        ("/package/executables/0/properties", .object(JSONObject([("any", .object(JSONObject([("json", [1, .null])])))]))),
        ("/package/variables/0/value", 12), ("/package/variables/13/value", 0), ("/package/variables/4/value", "12"),
    ])
    func aValidVariationIsAcceptedByTheSchemaAndByTheDecoder(_ pointer: String, _ value: JSONValue) throws {
        let document = try #require(try Self.encodedSample().setting(pointer, to: value))
        let failures = try loadSchema().validate(document)
        #expect(failures.isEmpty, "\(failures)")
        #expect(throws: Never.self) { try PackageFile.decode(Array(JSONWriter.write(document).utf8)) }
    }

    @Test func theSchemaAndTheDecoderAgreeOnWhichJSONValuesSuitEachDataType() throws {
        let validator = try loadSchema()
        let candidates: [JSONValue] = [.null, true, false, 0, 1, -1, 1.5, [], .object(JSONObject())]
        for type in DataType.allCases {
            for candidate in candidates {
                for member in ["variables", "parameters"] {
                    let item = JSONValue.object(JSONObject([("name", "X"), ("type", .string(type.rawValue)), ("value", candidate)]))
                    let document = JSONValue.object(JSONObject([
                        ("format", "sluice.package"), ("formatVersion", 1),
                        ("package", .object(JSONObject([("name", "P"), (member, [item])]))),
                    ]))
                    let schemaAccepts = validator.isValid(document)
                    let decoderAccepts = (try? PackageFile.decode(Array(JSONWriter.write(document).utf8))) != nil
                    let what = "\(member) \(type.rawValue) = \(JSONWriter.compact(candidate))"
                    #expect(schemaAccepts == decoderAccepts, "\(what): schema \(schemaAccepts), decoder \(decoderAccepts)")
                }
            }
        }
    }
}
