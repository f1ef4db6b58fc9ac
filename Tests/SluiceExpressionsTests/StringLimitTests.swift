import SluiceCore
import SluiceExpressions
import Testing

/// Every operation that makes a string stops at ``StringLimit`` with
/// `SLUICE_E_EXPRESSION_STRING_TOO_LONG`, in the scalar and the batch evaluator alike, before it
/// allocates the result.
@Suite struct StringLimitTests {
    static let limit = StringLimit.maximumLength
    /// Just over half the limit: doubling it passes the limit, adding a character does not.
    static let half = String(repeating: "x", count: limit / 2 + 1)

    static func environment(_ variables: [String: TypedValue]) -> FixedEnvironment { FixedEnvironment(variables: variables) }

    /// The UTF-8 size of a string value (nil for anything else).
    static func bytes(_ v: Value) -> Int? { if case .string(let s) = v { s.utf8.count } else { nil } }

    static func tooLong(_ body: () throws -> Value) -> SluiceError? {
        let error = #expect(throws: SluiceError.self) { _ = try body() }
        #expect(error?.message == .expressionStringTooLong)
        return error
    }

    @Test func theLimitCountsUnicodeScalarsAndLooksAtTheBytesFirst() {
        // "é" is two bytes of UTF-8 and one scalar: the byte count passes the limit, the scalars do not.
        #expect(StringLimit.admits("éééé", limit: 4))
        #expect(!StringLimit.admits("ééééé", limit: 4))
        #expect(StringLimit.admitsConcatenation("éé", "éé", limit: 4))
        #expect(!StringLimit.admitsConcatenation("éé", "ééé", limit: 4))
        #expect(StringLimit.admitsConcatenation("", "", limit: 0))
        #expect(!StringLimit.admitsConcatenation("", "x", limit: 0))
        #expect(StringLimit.admits(count: Self.limit) && !StringLimit.admits(count: Self.limit + 1))
    }

    @Test func concatenationPastTheLimitFailsWithItsPosition() throws {
        let env = Self.environment(["User::S": TypedValue(.wstr, .string(Self.half))])
        let doubled = try CompiledExpression("\"a\" + (@[User::S] + @[User::S])", environment: env)
        let error = Self.tooLong { try doubled.evaluate() }
        #expect(error?.inserts["operation"] == "'+'")
        #expect(error?.inserts["column"] == "8")  // the inner '+' (a binary operator is placed at its left operand)
        #expect(error?.inserts["limit"] == String(Self.limit))
        // One character more is within the limit.
        let longer = try CompiledExpression("@[User::S] + \"y\"", environment: env)
        #expect(Self.bytes(try longer.evaluate()) == Self.half.utf8.count + 1)
    }

    @Test func aStringExactlyAtTheLimitIsAllowed() throws {
        let quarter = String(repeating: "q", count: Self.limit / 4)
        let env = Self.environment(["User::Q": TypedValue(.wstr, .string(quarter))])
        let atLimit = try CompiledExpression("(@[User::Q] + @[User::Q]) + (@[User::Q] + @[User::Q])", environment: env)
        #expect(Self.bytes(try atLimit.evaluate()) == Self.limit)
        let past = try CompiledExpression("(@[User::Q] + @[User::Q]) + (@[User::Q] + @[User::Q]) + \"!\"", environment: env)
        _ = Self.tooLong { try past.evaluate() }
    }

    @Test func constantsPastTheLimitFailAtCompileTime() {
        // Folded while compiling, so a package carrying this fails validation, not its run.
        for text in ["REPLICATE(\"ab\", 60000000)", "REPLICATE(\"a\", 60000000) + REPLICATE(\"b\", 60000000)"] {
            let error = #expect(throws: SluiceError.self) { try CompiledExpression(text, environment: FixedEnvironment()) }
            #expect(error?.message == .expressionStringTooLong, "\(text)")
        }
    }

    @Test func replicateAndReplaceShareTheLimit() throws {
        let env = Self.environment([
            "User::N": TypedValue(.i4, .int(Int64(Self.limit / 2 + 1))),
            "User::X": TypedValue(.wstr, .string(String(repeating: "x", count: 1_001))),
            "User::R": TypedValue(.wstr, .string(String(repeating: "r", count: 100_000))),
        ])
        let replicate = try CompiledExpression("REPLICATE(\"ab\", @[User::N])", environment: env)
        #expect(Self.tooLong { try replicate.evaluate() }?.inserts["operation"] == "REPLICATE")
        // 1,001 matches, each 99,999 characters longer.
        let replace = try CompiledExpression("REPLACE(@[User::X], \"x\", @[User::R])", environment: env)
        #expect(Self.tooLong { try replace.evaluate() }?.inserts["operation"] == "REPLACE")
        // Growing less than the limit allows is fine.
        let fewer = try CompiledExpression("REPLACE(LEFT(@[User::X], 3), \"x\", @[User::R])", environment: env)
        #expect(Self.bytes(try fewer.evaluate()) == 300_000)
    }

    @Test func castingBytesToTextStopsBeforeFormattingThemAll() throws {
        let bytes = [UInt8](repeating: 0xAB, count: Self.limit / 2 + 1)  // two hexadecimal digits each
        let env = Self.environment(["User::B": TypedValue(.bytes, .bytes(bytes))])
        let whole = try CompiledExpression("(DT_NTEXT)@[User::B]", environment: env)
        #expect(Self.tooLong { try whole.evaluate() }?.inserts["operation"] == "the cast to DT_NTEXT")
        // A length that keeps little formats little.
        let short = try CompiledExpression("(DT_WSTR, 5)@[User::B]", environment: env)
        #expect(try short.evaluate() == .string("ABABA"))
    }

    @Test func functionsThatCannotGrowAStringStayWithinItsLength() throws {
        // UPPER and LOWER map one scalar to one (ß stays ß), so they never pass the limit either.
        let env = Self.environment(["User::S": TypedValue(.wstr, .string("straße"))])
        for (text, expected) in [("UPPER(@[User::S])", "STRAßE"), ("LOWER(UPPER(@[User::S]))", "straße"), ("REVERSE(@[User::S])", "eßarts")] {
            #expect(try CompiledExpression(text, environment: env).evaluate() == .string(expected))
        }
    }

    @Test func conversionErrorsQuoteOnlyTheStartOfALongValue() throws {
        let env = Self.environment(["User::S": TypedValue(.wstr, .string(String(repeating: "9x", count: 5_000)))])
        let e = try CompiledExpression("(DT_I4)@[User::S]", environment: env)
        let error = #expect(throws: SluiceError.self) { try e.evaluate() }
        #expect(error?.message == .expressionConversion)
        #expect(error?.inserts["value"]?.hasSuffix("… (10000 characters)\"") == true)
        #expect((error?.description.count ?? .max) < 400)
    }

    @Test func batchEvaluationFailsOnTheRowThatPassesTheLimit() throws {
        let column = Column(["a", Self.half, "b"] as [String?])
        let batch = try ColumnBatch([("s", column)])
        let e = try BatchExpression("s + s", schema: ["s": .wstr])
        let error = #expect(throws: SluiceError.self) { try e.evaluate(batch) }
        #expect(error?.message == .expressionStringTooLong)
        #expect(error?.row == 1)
        // The same with a variable on one side.
        let env = Self.environment(["User::S": TypedValue(.wstr, .string(Self.half))])
        let withVariable = try BatchExpression("(LEN(s) > 1 ? @[User::S] : \"\") + @[User::S]", schema: ["s": .wstr], environment: env)
        #expect(try withVariable.evaluate(try ColumnBatch([("s", Column(["" , nil] as [String?]))])).length == 2)
        let failing = try ColumnBatch([("s", Column([nil, "ab"] as [String?]))])
        let rowError = #expect(throws: SluiceError.self) { try withVariable.evaluate(failing) }
        #expect(rowError?.message == .expressionStringTooLong)
        #expect(rowError?.row == 1)
    }
}
