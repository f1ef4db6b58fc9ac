import Testing
import SluiceCore

/// Parses `text`, or fails the test.
private func parse(_ text: String) throws -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

/// The error that parsing `bytes` throws.
private func parseError(_ bytes: [UInt8]) -> SluiceError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error as? SluiceError
    }
}

private func parseError(_ text: String) -> SluiceError? { parseError(Array(text.utf8)) }

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#"{"n": null, "t": true, "f": false, "i": -42, "d": 2.5, "s": "x", "a": [1, "two"], "o": {"k": {}}}"#)
        let object = try #require(value.objectValue)
        #expect(object["n"] == .null)
        #expect(object["t"] == .bool(true))
        #expect(object["f"] == .bool(false))
        #expect(object["i"] == .int(-42))
        #expect(object["d"] == .double(2.5))
        #expect(object["s"] == .string("x"))
        #expect(object["a"] == .array([.int(1), .string("two")]))
        #expect(object["o"] == .object(JSONObject([("k", .object(JSONObject()))])))
        #expect(try parse("[]") == .array([]))
        #expect(try parse("  \"top\"\n") == .string("top"))
        #expect(try parse("null") == .null)
    }

    @Test func keepsTheKeyOrderOfObjects() throws {
        let object = try #require(try parse(#"{"zeta": 1, "alpha": 2, "mid": 3}"#).objectValue)
        #expect(object.keys == ["zeta", "alpha", "mid"])
    }

    @Test func decodesEveryEscape() throws {
        #expect(try parse(#""\" \\ \/ \b \f \n \r \t""#) == .string("\" \\ / \u{08} \u{0C} \n \r \t"))
        #expect(try parse(#""\u0041\u00e9\u4E16""#) == .string("Aé世"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
    }

    @Test func combinesSurrogatePairsIntoOneScalar() throws {
        #expect(try parse(#""\uD83D\uDE00""#) == .string("😀"))
        #expect(try parse(#""a\ud834\udd1eb""#) == .string("a𝄞b"))
    }

    @Test func rejectsUnpairedOrReversedSurrogates() {
        #expect(parseError(#""\uD83D""#)?.text.contains("unpaired surrogate") == true)
        #expect(parseError(#""\uD83Dx""#)?.text.contains("unpaired surrogate") == true)
        #expect(parseError(#""\uD83D\u0041""#)?.text.contains("invalid surrogate pair") == true)
        #expect(parseError(#""\uDE00""#)?.text.contains("invalid \u{5C}u escape") == true)
    }

    @Test func keepsRawUnicodeText() throws {
        #expect(try parse("\"Grüße, 世界 😀\"") == .string("Grüße, 世界 😀"))
    }

    @Test func rejectsInvalidUTF8InStrings() {
        let error = parseError([0x22, 0xC3, 0x28, 0x22])
        #expect(error?.message == .jsonMalformed)
        #expect(error?.text.contains("not valid UTF-8") == true)
    }

    @Test func parsesIntegersAsIntegersAndKeepsEveryOtherNumberAsWritten() throws {
        #expect(try parse("0") == .int(0))
        #expect(try parse("9223372036854775807") == .int(Int64.max))
        #expect(try parse("-9223372036854775808") == .int(Int64.min))
        // Past an Int64, a fraction, an exponent, -0: the text, so no digit or sign is lost
        // before a reader knows the type it wants.
        for text in ["9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "-0", "1.0",
                     "1.50", "-12.5e-1", "1E3", "2e+2", "0.1"] {
            let value = try parse(text)
            guard case .number(let n) = value else {
                Issue.record("\(text) parsed as \(value)")
                continue
            }
            #expect(n.text == text)
            #expect(n.double == Double(text))
        }
        #expect(try parse("-12.5e-1").doubleValue == -1.25)
        #expect(try parse("1E3").intValue == 1000)
        #expect(try parse("1.5").intValue == nil)
        #expect(try parse("9223372036854775808").intValue == nil)
    }

    @Test func numbersAreEqualWhenTheyAreWrittenTheSame() throws {
        #expect(try parse("0.5") == .double(0.5))
        #expect(try parse("2.0") == .double(2))
        #expect(try parse("0.50") != .double(0.5))
        #expect(try parse("1") != .double(1))
        #expect(try parse("-0") != .int(0))
        #expect(Set([try parse("0.5"), .double(0.5)]).count == 1)
    }

    @Test func writesNumbersBackAsTheyWereWritten() throws {
        let text = "[1.50, 1E3, -0, 123456789012345678901234567890, 0.1, -12.5e-1, 7]"
        #expect(JSONWriter.compact(try parse(text)) == text)
        #expect(JSONWriter.compact(.double(-0.0)) == "-0.0")
        #expect(JSONWriter.compact(.double(3)) == "3.0")
        #expect(JSONWriter.compact(.double(.nan)) == "null")
    }

    @Test(arguments: ["01", "-", "1.", ".5", "+1", "1e", "1e+", "-a", "0x10", "1.5.2"])
    func rejectsMalformedNumbers(_ text: String) {
        #expect(parseError(text)?.message == .jsonMalformed)
    }

    @Test func rejectsNumbersTooLargeForADouble() {
        #expect(parseError("1e400")?.text.contains("number out of range") == true)
        #expect(parseError("[-1e999]")?.text.contains("number out of range") == true)
    }

    @Test func reportsTheLineAndColumnOfAnError() throws {
        let error = try #require(parseError("{\n  \"a\": tru\n}"))
        #expect(error.message == .jsonMalformed)
        #expect(error.name == "SLUICE_E_JSON_MALFORMED")
        #expect(error.inserts["line"] == "2")
        #expect(error.inserts["column"] == "11")
        #expect(error.text == "Malformed JSON at line 2, column 11: invalid literal (expected true)")
    }

    @Test func countsColumnsInCharactersNotBytes() throws {
        let error = try #require(parseError("[\"é世😀\", x]"))
        #expect(error.inserts["line"] == "1")
        #expect(error.inserts["column"] == "9")
    }

    @Test func pointsAtTheDuplicateKey() throws {
        let error = try #require(parseError("{\"a\": 1,\n \"a\": 2}"))
        #expect(error.text.contains("duplicate key \"a\""))
        #expect(error.inserts["line"] == "2")
        #expect(error.inserts["column"] == "2")
    }

    @Test func acceptsNestingUpToTheDepthLimit() throws {
        let deep = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try parse(deep) }
    }

    @Test func rejectsNestingBeyondTheDepthLimit() throws {
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        let error = try #require(parseError(tooDeep))
        #expect(error.text.contains("nesting deeper than 512 levels"))
        #expect(error.inserts["column"] == "513")
        let objects = String(repeating: "{\"k\":", count: 600) + "1" + String(repeating: "}", count: 600)
        #expect(parseError(objects)?.text.contains("nesting deeper") == true)
    }

    @Test func rejectsTextAfterTheDocument() throws {
        let error = try #require(parseError("{} x"))
        #expect(error.text.contains("unexpected text after the end of the document"))
        #expect(error.inserts["column"] == "4")
        #expect(parseError("1 2")?.message == .jsonMalformed)
        #expect(parseError("[] []")?.message == .jsonMalformed)
    }

    @Test func rejectsEmptyInput() throws {
        let error = try #require(parseError(""))
        #expect(error.text.contains("unexpected end of input"))
        #expect(error.inserts["line"] == "1")
        #expect(error.inserts["column"] == "1")
        #expect(parseError("   \n ")?.inserts["line"] == "2")
    }

    @Test(arguments: [
        ("[1,]", "unexpected character ']'"),
        ("{\"a\" 1}", "expected ':' after the key"),
        ("{\"a\": 1,}", "expected a string key"),
        ("{a: 1}", "expected a string key"),
        ("[1 2]", "expected ',' or ']' in an array"),
        ("{\"a\": 1 \"b\": 2}", "expected ',' or '}' in an object"),
        ("\"abc", "unterminated string"),
        ("\"a\nb\"", "control character in a string"),
        ("\"\\x\"", "invalid escape \\'x'"),
        ("\"\\u12G4\"", "invalid hex digit"),
        ("\"\\u12\"", "truncated \\u escape"),
        ("nul", "invalid literal (expected null)"),
        ("True", "unexpected character 'T'"),
        ("'a'", "unexpected character '''"),
    ])
    func explainsWhatIsWrong(_ text: String, _ reason: String) throws {
        let error = try #require(parseError(text))
        #expect(error.message == .jsonMalformed)
        #expect(error.text.contains(reason), "\(error.text)")
    }

    @Test func pointsAtAnInvalidEscape() throws {
        let error = try #require(parseError("{\"k\": \"ab\\q\"}"))
        #expect(error.inserts["column"] == "11")
    }
}

@Suite struct JSONWriterTests {
    @Test func writesTwoSpaceIndentedObjectsWithAFinalNewline() {
        let value = JSONValue.object(JSONObject([
            ("name", "x"), ("list", .array([.object(JSONObject([("a", 1)]))])), ("empty", .object(JSONObject())),
            ("none", .array([])),
        ]))
        #expect(JSONWriter.write(value) == """
            {
              "name": "x",
              "list": [
                {
                  "a": 1
                }
              ],
              "empty": {},
              "none": []
            }

            """)
    }

    @Test func writesShortScalarArraysOnOneLine() {
        #expect(JSONWriter.write([1, "a", true, .null]) == "[1, \"a\", true, null]\n")
        let nine = JSONValue.array((1...9).map { .int($0) })
        #expect(JSONWriter.write(nine).split(separator: "\n").count == 11)
    }

    @Test func writesDoublesSoThatTheyReadBackAsDoubles() throws {
        #expect(JSONWriter.compact(.double(2)) == "2.0")
        #expect(JSONWriter.compact(.double(-0.5)) == "-0.5")
        #expect(JSONWriter.compact(.double(1e20)) == "1e+20")
        for d in [2.0, -0.5, 1e20, 1e15, 123456.789, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude] {
            #expect(try JSONParser.parse(Array(JSONWriter.compact(.double(d)).utf8)) == .double(d))
        }
        #expect(JSONWriter.compact(.double(.nan)) == "null")
        #expect(JSONWriter.compact(.double(.infinity)) == "null")
    }

    @Test func escapesQuotesBackslashesAndControlCharacters() {
        #expect(JSONWriter.compact("a\"b\\c\nd\re\tf\u{01}\u{1F}/é") == #""a\"b\\c\nd\re\tf\u0001\u001f/é""#)
    }

    @Test func writesCompactJSONOnOneLine() {
        let value = JSONValue.object(JSONObject([("a", [1, 2]), ("b", .object(JSONObject([("c", .null)])))]))
        #expect(JSONWriter.compact(value) == #"{"a": [1, 2], "b": {"c": null}}"#)
    }

    @Test(arguments: [
        JSONValue.null, true, false, 0, -7, .int(Int64.max), .int(Int64.min), 0.1, -2.0, 1e300, "", "plain",
        "\u{0}\u{7F}\u{2028}😀 \\ \" /", [], [[], [[]]], .object(JSONObject()),
        .object(JSONObject([("z", 1), ("a", [true, .null, "s", 1.5, .object(JSONObject([("k", [])]))])])),
        .array((0..<20).map { .int($0) }),
    ])
    func writtenJSONReadsBackTheSame(_ value: JSONValue) throws {
        let pretty = try JSONParser.parse(Array(JSONWriter.write(value).utf8))
        let compact = try JSONParser.parse(Array(JSONWriter.compact(value).utf8))
        #expect(pretty == value)
        #expect(compact == value)
        if case .object(let object) = value {
            #expect(pretty.objectValue?.keys == object.keys)
        }
    }

    @Test func rewritingParsedOutputGivesTheSameBytes() throws {
        let text = """
            {
              "b": [1, 2.5, "x"],
              "a": {
                "deep": [
                  {
                    "k": null
                  }
                ]
              }
            }

            """
        #expect(JSONWriter.write(try parse(text)) == text)
    }
}

@Suite struct JSONObjectTests {
    @Test func setsReplacesAndRemovesKeysInPlace() {
        var object = JSONObject([("a", 1), ("b", 2)])
        object["a"] = 10
        object["c"] = 3
        object["b"] = nil
        #expect(object.keys == ["a", "c"])
        #expect(object["a"] == .int(10))
        #expect(object["b"] == nil)
    }

    @Test func equalityIgnoresKeyOrderAsJSONDoes() {
        let a = JSONObject([("x", 1), ("y", [1, 2])])
        let b = JSONObject([("y", [1, 2]), ("x", 1)])
        #expect(a == b)
        #expect(a.hashValue == b.hashValue)
        #expect(a != JSONObject([("x", 1), ("y", [2, 1])]))
        #expect(a != JSONObject([("x", 1)]))
    }

    @Test func accessorsReadTheirOwnKindOnly() {
        #expect(JSONValue.double(3).intValue == 3)
        #expect(JSONValue.double(3.5).intValue == nil)
        #expect(JSONValue.int(3).doubleValue == 3)
        #expect(JSONValue.string("3").intValue == nil)
        #expect(JSONValue.bool(true).boolValue == true)
        #expect(JSONValue.null.typeName == "null")
        #expect(JSONValue.array([]).typeName == "an array")
    }
}
