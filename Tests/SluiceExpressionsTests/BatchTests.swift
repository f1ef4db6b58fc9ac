import Foundation
import SluiceCore
@testable import SluiceExpressions
import Testing

/// Batch evaluation must give exactly what the scalar evaluator gives row by row: the same
/// type, values, NULLs and errors (with the failing row added).
@Suite struct BatchTests {
    // MARK: - The key property

    /// Expressions over the random columns of ``RandomBatch``: every vectorized operator on
    /// every lane type, the fallbacks around and inside them, and error cases.
    static let expressions: [String] = [
        // DT_R8 and DT_R4 arithmetic
        "a * (1 - b)", "a + b", "a - b * 2", "a / b", "-a", "a * a * a", "f * 2", "f * f", "f + (DT_R4)1", "-f", "f / f",
        // fused DT_R8 pairs, including an inner overflow the outer division hides (x / inf is 0)
        "b / (a * a)", "(a * a) / b", "b - a * a", "a / (b - 1)", "(a - b) * (a + b)", "f * (1 - f)",
        // integer arithmetic, overflow and division by zero
        "i + j", "i * j", "i / j", "i % j", "-i", "i * 1000000", "k * 2", "k + i", "k - k / j", "-k",
        "h + u", "h * h", "u + u", "w * 2", "w + w", "w - 5U",
        // comparisons, NaN included
        "a > b", "a <= 0", "a == b", "a != a", "i == j", "i != 3", "f >= a", "i < a", "k > i", "u >= h",
        // logic and short circuits around errors
        "p && q", "p || !q", "!p", "p == q", "p != (a > 0)", "j != 0 && i / j > 1", "j == 0 || i % j == 0",
        "a > 0 && b > 0 || i < 0", "!(i / j > 0) || p",
        // casts
        "(DT_I4)a", "(DT_R4)a", "(DT_UI1)i", "(DT_BOOL)i", "(DT_I4)p", "(DT_R8)p", "(DT_I2)f", "(DT_R8)i / 3",
        "(DT_I8)a * 1000", "(DT_BOOL)a", "(DT_UI4)k", "(DT_R4)i", "(DT_I1)h", "(DT_UI2)p",
        // variables, parameters and constants
        "a * @[User::Rate]", "i + @[User::Count]", "a * @[User::Price]", "i * @[User::Price]", "p && @[User::Flag]",
        "i + @[User::Nothing]", "a * $Package::Factor", "i < $Package::Limit", "a > 1.5", "i > 1.5", "a + 0.25",
        "i + 2.5E0", "NULL(DT_I4) + i", "a + NULL(DT_R8)", "p && NULL(DT_BOOL)", "NULL(DT_BOOL) || p", "1 + 2 * 3",
        // row-by-row parts inside vectorized ones, and whole row-by-row expressions
        "ISNULL(a) ? 0 : a", "REPLACENULL(i, 0) + j", "ABS(a) + b", "LEN(s) + i", "LEN(s) > 2 && a > 0",
        "(i > 0 ? a : b) * 2", "s + t", "s == t", "s > \"m\" && a > 0", "(DT_WSTR,10)a", "UPPER(s)", "n * 2", "n > a",
        "n + i", "d > (DT_DBTIMESTAMP)\"2020-01-01\"", "YEAR(d) + i",
        // strings ordered by collation, case breaking ties (row by row inside vectorized logic)
        "s < t", "s >= \"B\" && a > 0", "t <= s || p",
        // DT_DBDATE comparisons (vectorized: q1's filter) and date parts around them
        "e <= (DT_DBDATE)\"1998-09-02\"", "e == c", "e != c", "e > c", "(DT_DBDATE)\"1998-09-01\" < e", "e >= NULL(DT_DBDATE)",
        "e <= (DT_DBDATE)\"1998-09-02\" && a > 0", "YEAR(e) + i", "e > d",
        // bare columns and a bigger tree
        "a", "p", "i", "u", "f", "(a + b) * (a - b) / (1 + i * i)",
        // constants and variables read once by the kernels (broadcast), on every side of a fused pair
        "2 * (a - b)", "(a - 1) * b", "(1 - a) / b", "a / (2 + b)", "b - a * @[User::Rate]", "NULL(DT_R8) * (a - b)",
        "$Package::Factor * (1 - a)", "@[User::Rate] - a", "a / 0", "(a - b) / 0",
    ]

    @Test(arguments: expressions)
    func batchEqualsScalarRowByRow(_ text: String) throws {
        for batch in RandomBatch.all { try check(text, batch) }
    }

    /// Expressions of every kernel, over a batch of several chunks (the random batches above fit
    /// in one), with errors and NULLs in later chunks.
    static let chunked: [String] = [
        "a * (1 - b)", "a / (b - 1)", "(a - 1) * b", "a + b", "-a", "f * (1 - f)", "i / j", "k * 2", "-i", "h + u",
        "a > b", "i != 3", "p && q || !p", "j != 0 && i / j > 1", "(DT_I4)a", "(DT_R4)i", "a * @[User::Rate]",
        "i + @[User::Count]", "REPLACENULL(i, 0) + j", "LEN(s) + i", "(i > 0 ? a : b) * 2",
    ]

    @Test(arguments: chunked)
    func batchOfSeveralChunksEqualsScalarRowByRow(_ text: String) throws {
        #expect(RandomBatch.severalChunks.length > 2 * BatchContext.chunk)
        try check(text, RandomBatch.severalChunks)
    }

    @Test(arguments: expressions)
    func rowByRowPlanEqualsScalarToo(_ text: String) throws {
        try check(text, RandomBatch.all[1], vectorize: false)
    }

    @Test func theKeyPropertyCoversEnoughExpressions() {
        #expect(Self.expressions.count >= 40)
        #expect(Set(Self.expressions).count == Self.expressions.count)
    }

    // MARK: - Plans

    @Test func hotNumericAndBooleanExpressionsRunFullyVectorized() throws {
        for text in [
            "a * (1 - b)", "i + j", "-f", "k % j", "h + u", "p && q || !p", "a > 1.5", "(DT_I4)a", "(DT_R4)i",
            "a * @[User::Rate]", "a * @[User::Price]", "j != 0 && i / j > 1", "NULL(DT_I4) + i", "1 + 2",
            "e <= (DT_DBDATE)\"1998-09-02\"", "e < c && a >= 0.05",
        ] {
            let e = try BatchExpression(text, schema: RandomBatch.schema, environment: RandomBatch.environment)
            #expect(e.isFullyVectorized, "\(text): \(e.planDescription)")
        }
        let e = try BatchExpression("a * (1 - b)", schema: RandomBatch.schema)
        #expect(e.planDescription == "multiply(column#0, subtract(const 1, column#1))")
        #expect(e.columns == ["a", "b"])
    }

    @Test func otherPartsFallBackToScalarClosures() throws {
        let partly = try BatchExpression("REPLACENULL(i, 0) + j", schema: RandomBatch.schema)
        #expect(!partly.isFullyVectorized)
        #expect(partly.planDescription.contains("scalar#0:DT_I4"))
        let strings = try BatchExpression("s + t", schema: RandomBatch.schema)
        #expect(strings.planDescription == "row by row")
        let decimal = try BatchExpression("i > 1.5", schema: RandomBatch.schema)
        #expect(decimal.planDescription.hasPrefix("scalar#"))
    }

    @Test func compileErrorsAreTheScalarCompilersErrors() throws {
        for text in ["a +", "a + s", "unknown * 2", "1 / 0", "@[User::Missing]", "p + 1"] {
            var expected: SluiceError?
            do { _ = try CompiledExpression(text, environment: RowEnvironment(batch: RandomBatch.all[0], cursor: RowCursor())) } catch let e as SluiceError {
                expected = e
            }
            let error = #expect(throws: SluiceError.self) {
                try BatchExpression(text, schema: RandomBatch.schema, environment: RandomBatch.environment)
            }
            #expect(error?.message == expected?.message && error?.inserts == expected?.inserts, "\(text)")
        }
    }

    // MARK: - Errors and rows

    @Test func aFailingRowIsNamedInTheError() throws {
        let n = 3000
        let i = (0..<n).map { Int32($0) as Int32? }
        let j = (0..<n).map { $0 == 1500 || $0 == 2000 ? 0 : 1 as Int32? }
        let batch = try ColumnBatch([("i", Column(i)), ("j", Column(j))])
        let schema: [String: ExpressionType] = ["i": .i4, "j": .i4]
        let error = #expect(throws: SluiceError.self) { try BatchExpression("i / j", schema: schema).evaluate(batch) }
        #expect(error?.message == .expressionDivideByZero)
        #expect(error?.row == 1500)
        #expect(error?.inserts["line"] == "1" && error?.inserts["column"] == "1")
        // The right side of a FALSE && is never evaluated, so it cannot fail.
        let guarded = try BatchExpression("j != 0 && i / j >= 0", schema: schema).evaluate(batch)
        #expect(guarded.value(at: 1500) == .bool(false) && guarded.value(at: 1499) == .bool(true))
        // Within a row, the left operand fails first (both divide by zero in row 1500).
        let left = #expect(throws: SluiceError.self) {
            try BatchExpression("i / (i - 1500) + i / j", schema: schema).evaluate(batch)
        }
        #expect(left?.message == .expressionDivideByZero && left?.row == 1500 && left?.inserts["column"] == "1")
    }

    @Test func fusedPairsFindAnInnerOverflowThatTheOuterDivisionHides() throws {
        // b / (1e308 * 1e308) is b / inf = 0 (or NULL), but the scalar evaluator fails on the product.
        let batch = try ColumnBatch([("a", Column([1, 2, 1e308] as [Double?])), ("b", Column([2, 3, nil] as [Double?]))])
        let e = try BatchExpression("b / (a * a)", schema: ["a": .r8, "b": .r8])
        #expect(e.planDescription == "divide(column#0, multiply(column#1, column#1))")
        let error = #expect(throws: SluiceError.self) { try e.evaluate(batch) }
        #expect(error?.message == .expressionOverflow && error?.inserts["operation"] == "'*'" && error?.row == 2)
    }

    @Test func resultBuffersAreReusedOnlyOnceTheLastResultIsReleased() throws {
        for text in ["a * (1 - b)", "a > b", "(DT_I2)u"] {
            let e = try BatchExpression(text, schema: RandomBatch.schema)
            let batch = RandomBatch.all[6]
            let expected = try e.evaluate(batch)
            func agrees(_ c: Column) -> Bool { (0..<batch.length).allSatisfy { Self.same(c.value(at: $0), expected.value(at: $0)) } }
            let buffers = BatchExpression.ResultBuffers()
            let first = try e.evaluate(batch, reusing: buffers)
            // The first result is still held: the next one must not write over it.
            var second: Column? = try e.evaluate(batch, reusing: buffers)
            #expect(second?.valueBuffer !== first.valueBuffer, "\(text)")
            #expect(agrees(first), "\(text)")
            if let held = second { #expect(agrees(held), "\(text)") }
            // Released, its memory serves the next evaluation.
            let secondValues = ObjectIdentifier(try #require(second?.valueBuffer))
            second = nil
            let third = try e.evaluate(batch, reusing: buffers)
            #expect(ObjectIdentifier(third.valueBuffer) == secondValues, "\(text)")
            #expect(agrees(third) && agrees(first), "\(text)")
            // A batch of another length gets memory of its own size.
            let other = try e.evaluate(RandomBatch.all[4], reusing: buffers)
            #expect(other.length == RandomBatch.all[4].length && other.valueBuffer !== third.valueBuffer, "\(text)")
        }
    }

    @Test func emptyBatchGivesAnEmptyColumn() throws {
        let batch = try ColumnBatch([("a", Column([] as [Double?])), ("b", Column([] as [Double?]))])
        let column = try BatchExpression("a * (1 - b)", schema: ["a": .r8, "b": .r8]).evaluate(batch)
        #expect(column.length == 0 && column.dataType == .r8)
    }

    @Test func batchMustHaveTheSchemasColumns() throws {
        let e = try BatchExpression("a + [b]", schema: ["a": .r8, "b": .r8])
        let missing = #expect(throws: SluiceError.self) { try e.evaluate(ColumnBatch([("a", Column([1.0] as [Double?]))])) }
        #expect(missing?.message == .expressionColumnNotFound && missing?.inserts["name"] == "b")
        #expect(missing?.inserts["column"] == "5")
        let wrong = #expect(throws: SluiceError.self) {
            try e.evaluate(ColumnBatch([("a", Column([1.0] as [Double?])), ("b", Column([1] as [Int32?]))]))
        }
        #expect(wrong?.message == .expressionType)
    }

    // MARK: - Variables

    @Test func variablesAreReadOncePerBatch() throws {
        let box = CountingBox()
        let e = try BatchExpression("(ISNULL(a) ? @X : a) * @X", schema: ["a": .r8], environment: CountingEnvironment(box: box))
        let batch = try ColumnBatch([("a", Column((0..<3000).map { $0 % 7 == 0 ? nil : Double($0) }))])
        let first = try e.evaluate(batch)
        #expect(box.reads == 1)
        #expect(first.value(at: 0) == .real(4) && first.value(at: 1) == .real(2))
        box.value = .real(3)
        let second = try e.evaluate(batch)
        #expect(box.reads == 2)
        #expect(second.value(at: 0) == .real(9) && second.value(at: 1) == .real(3))
        // A value the lanes cannot hold (a real in a DT_I4 variable) sends the batch row by row.
        box.value = .null
        #expect(try e.evaluate(batch).value(at: 1) == .null)
    }

    // MARK: - Output layout and sharing

    @Test func resultsAreArrowColumns() throws {
        let a = (0..<100).map { $0 % 3 == 0 ? nil : Double($0) - 50 }
        let batch = try ColumnBatch([("a", Column(a))])
        let flags = try BatchExpression("a > 0", schema: ["a": .r8]).evaluate(batch)
        #expect(flags.dataType == .bool && flags.arrowFormat == "b")
        #expect(flags.nullCount == 34)
        for buffer in [flags.validityBuffer!, flags.valueBuffer] {
            #expect(Int(bitPattern: buffer.bytes) % 64 == 0)
            // Bits past the last row are zero.
            #expect(buffer.bytes.load(fromByteOffset: 12, as: UInt8.self) & 0xF0 == 0)
            #expect(UnsafeRawBufferPointer(start: buffer.bytes + 13, count: buffer.capacity - 13).allSatisfy { $0 == 0 })
        }
        for row in 0..<100 { #expect(flags.value(at: row) == (a[row].map { .bool($0 > 0) } ?? .null)) }
        let narrow = try BatchExpression("(DT_I2)a", schema: ["a": .r8]).evaluate(batch)
        #expect(narrow.withValues(as: Int16.self) { $0[1] } == -49)
        let dense = try BatchExpression("1.5E0", schema: [:]).evaluate(batch)
        #expect(dense.validityBuffer == nil && dense.value(at: 99) == .real(1.5))
    }

    @Test func concurrentEvaluationsAgree() async throws {
        let e = try BatchExpression("LEN(s) > j && a < b || p", schema: RandomBatch.schema, environment: RandomBatch.environment)
        let expected = try RandomBatch.all.map { try e.evaluate($0).allValues }
        let results = try await withThrowingTaskGroup(of: (Int, [Value]).self) { group in
            for round in 0..<4 {
                for (k, batch) in RandomBatch.all.enumerated() {
                    group.addTask { (k, try e.evaluate(batch).allValues) }
                    _ = round
                }
            }
            var all: [(Int, [Value])] = []
            for try await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 4 * RandomBatch.all.count)
        for (k, values) in results { #expect(values == expected[k]) }
    }

    // MARK: - Checking one expression

    /// Evaluates `text` over `batch` both ways and requires the same type, values and errors.
    func check(_ text: String, _ batch: ColumnBatch, vectorize: Bool = true) throws {
        let cursor = RowCursor()
        let scalar = try CompiledExpression(text, environment: RowEnvironment(batch: batch, cursor: cursor))
        let batched = try BatchExpression(text, schema: RandomBatch.schema, environment: RandomBatch.environment, vectorize: vectorize)
        #expect(batched.type == scalar.type, "\(text)")
        var expected: [Value] = []
        var failure: (row: Int, error: SluiceError)?
        for row in 0..<batch.length {
            cursor.row = row
            do {
                expected.append(try Self.stored(try scalar.evaluate(), scalar.type))
            } catch let e as SluiceError {
                failure = (row, e)
                break
            }
        }
        let where_ = "\(text) [\(batch.length) rows, \(vectorize ? batched.planDescription : "row by row")]"
        do {
            let column = try batched.evaluate(batch)
            if let failure {
                Issue.record("\(where_): expected \(failure.error) at row \(failure.row), got a column")
                return
            }
            #expect(column.dataType == scalar.type.dataType && column.length == batch.length, "\(where_)")
            if let row = (0..<batch.length).first(where: { !Self.same(column.value(at: $0), expected[$0]) }) {
                Issue.record("\(where_): row \(row): batch gives \(column.value(at: row)), scalar \(expected[row])")
            }
        } catch let e as SluiceError {
            guard let failure else {
                Issue.record("\(where_): unexpected \(e)")
                return
            }
            var inserts = e.inserts
            inserts["row"] = nil
            #expect(e.row == failure.row && e.message == failure.error.message && inserts == failure.error.inserts,
                "\(where_): batch threw \(e) at row \(e.row ?? -1), scalar \(failure.error) at row \(failure.row)")
        }
    }

    /// A value as a column of its type stores it (dates to the microsecond, decimals to the scale).
    static func stored(_ v: Value, _ type: ExpressionType) throws -> Value {
        try Column(type.dataType, values: [v], decimalScale: type.isExactDecimal ? type.scale : nil).value(at: 0)
    }

    /// Equality that tells reals apart by their bits (NaN equals NaN).
    static func same(_ x: Value, _ y: Value) -> Bool {
        if case .real(let a) = x, case .real(let b) = y { return a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN) }
        return x == y
    }
}

// MARK: - Random batches

/// Seeded random columns of several types, with NULLs and rare values that overflow or divide
/// by zero (so errors happen at different rows, or not at all).
enum RandomBatch {
    static let schema: [String: ExpressionType] = [
        "a": .r8, "b": .r8, "f": ExpressionType(.r4), "i": .i4, "j": .i4, "k": .i8, "h": ExpressionType(.i2),
        "u": ExpressionType(.ui1), "w": ExpressionType(.ui4), "p": .bool, "q": .bool, "s": .wstr(12), "t": .wstr(12),
        "d": .dbTimestamp, "n": ExpressionType(.numeric, precision: 10, scale: 2),
        "e": ExpressionType(.dbDate), "c": ExpressionType(.dbDate),
    ]

    static let environment = FixedEnvironment(
        variables: [
            "User::Rate": TypedValue(.r8, .real(0.2)), "User::Count": TypedValue(.i4, .int(7)),
            "User::Flag": TypedValue(.bool, .bool(true)), "User::Price": TypedValue(.numeric, .decimal(Decimal(string: "2.5")!)),
            "User::Nothing": TypedValue(.i4, .null),
        ],
        parameters: ["Package::Factor": TypedValue(.r8, .real(1.5)), "Package::Limit": TypedValue(.i4, .int(100))])

    /// Batches from small to several chunks, with and without NULLs and rare values.
    static let all: [ColumnBatch] = [
        make(seed: 1, rows: 2500, nulls: 0.1, rare: 0), make(seed: 2, rows: 3000, nulls: 0.1, rare: 0.001),
        make(seed: 3, rows: 1024, nulls: 0, rare: 0.002), make(seed: 4, rows: 2049, nulls: 0.3, rare: 0.0005),
        make(seed: 5, rows: 100, nulls: 0.1, rare: 0.01), make(seed: 6, rows: 5000, nulls: 0.05, rare: 0.0003),
        make(seed: 7, rows: 1500, nulls: 0, rare: 0), make(seed: 8, rows: 1200, nulls: 0.1, rare: 0.03),
    ]

    /// A batch of two chunks and part of a third.
    static let severalChunks = make(seed: 9, rows: 2 * BatchContext.chunk + 77, nulls: 0.05, rare: 0.0002)

    static func make(seed: UInt64, rows: Int, nulls: Double, rare: Double) -> ColumnBatch {
        var g = SplitMix64(seed: seed)
        func column<T>(_ normal: (inout SplitMix64) -> T, rare special: [T]) -> [T?] {
            (0..<rows).map { _ in
                if Double.random(in: 0..<1, using: &g) < nulls { return nil }
                if !special.isEmpty && Double.random(in: 0..<1, using: &g) < rare { return special.randomElement(using: &g)! }
                return normal(&g)
            }
        }
        let words = ["", "a", "b", "abc", "m", "zeta", "héllo", "Z", "mm"]
        let a: [Double?] = column({ Double(Int.random(in: -10_000...10_000, using: &$0)) / 100 }, rare: [0, 1e308, -1e308, .nan, .infinity])
        let b: [Double?] = column({ Double(Int.random(in: -10_000...10_000, using: &$0)) / 100 }, rare: [0, .leastNormalMagnitude])
        let f: [Float?] = column({ Float(Int.random(in: -8000...8000, using: &$0)) / 8 }, rare: [3e38, -3e38])
        let i: [Int32?] = column({ Int32.random(in: -1000...1000, using: &$0) }, rare: [.max, .min])
        let j: [Int32?] = column({ Int32.random(in: 1...9, using: &$0) * (Bool.random(using: &$0) ? 1 : -1) }, rare: [0])
        let k: [Int64?] = column({ Int64.random(in: -1_000_000_000_000...1_000_000_000_000, using: &$0) }, rare: [.max - 3, .min + 1])
        let h: [Int16?] = column({ Int16.random(in: -150...150, using: &$0) }, rare: [.max, .min])
        let u: [UInt8?] = column({ UInt8.random(in: 0...100, using: &$0) }, rare: [200, 255])
        let w: [UInt32?] = column({ UInt32.random(in: 0...1_000_000, using: &$0) }, rare: [.max, 0])
        let p: [Bool?] = column({ Bool.random(using: &$0) }, rare: [])
        let q: [Bool?] = column({ Bool.random(using: &$0) }, rare: [])
        let s: [String?] = column({ words.randomElement(using: &$0)! }, rare: [])
        let t: [String?] = column({ words.randomElement(using: &$0)! }, rare: [])
        let d: [Value?] = column({ Value.date(Date(timeIntervalSince1970: Double(Int.random(in: 0...2_000_000_000, using: &$0)))) }, rare: [])
        let n: [Value?] = column({ Value.decimal(Decimal(Int.random(in: -100_000...100_000, using: &$0)) / 100) }, rare: [])
        // Days around 1998-09-02 (10471), so the date comparisons go both ways, and far dates.
        let e: [Int32?] = column({ Int32.random(in: 10_440...10_500, using: &$0) }, rare: [-719_162, 2_932_896])
        let c: [Int32?] = column({ Int32.random(in: 10_440...10_500, using: &$0) }, rare: [0])
        return try! ColumnBatch([
            ("a", Column(a)), ("b", Column(b)), ("f", Column(f)), ("i", Column(i)), ("j", Column(j)), ("k", Column(k)),
            ("h", Column(h)), ("u", Column(u)), ("w", Column(w)), ("p", Column(p)), ("q", Column(q)),
            ("s", Column(s)), ("t", Column(t)),
            ("d", try Column(.dbTimestamp, values: d.map { $0 ?? .null })),
            ("n", try Column(.numeric, values: n.map { $0 ?? .null }, decimalScale: 2)),
            ("e", Column(e, as: .dbDate)), ("c", Column(c, as: .dbDate)),
        ])
    }
}

/// A small, seeded random number generator (SplitMix64), the same on every platform.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

// MARK: - Environments

/// The row a ``RowEnvironment`` reads. Test-only and used by one thread at a time, hence
/// `@unchecked Sendable`.
final class RowCursor: @unchecked Sendable {
    var row = 0
}

/// The scalar reference: columns read the cursor's row of a batch.
struct RowEnvironment: ExpressionEnvironment {
    let batch: ColumnBatch
    let cursor: RowCursor

    func variable(_ name: String) -> ExpressionBinding? { RandomBatch.environment.variable(name) }
    func parameter(_ name: String) -> ExpressionBinding? { RandomBatch.environment.parameter(name) }
    func column(_ name: String) -> ExpressionBinding? {
        guard let column = batch[name], let type = RandomBatch.schema[name] else { return nil }
        return ExpressionBinding(name: name, type: type) { [cursor] in column.value(at: cursor.row) }
    }
}

/// A variable `@X` that counts its reads. Test-only, one evaluation at a time, hence
/// `@unchecked Sendable`.
final class CountingBox: @unchecked Sendable {
    var reads = 0
    var value: Value = .real(2)
}

struct CountingEnvironment: ExpressionEnvironment {
    let box: CountingBox
    func variable(_ name: String) -> ExpressionBinding? {
        guard name == "X" else { return nil }
        return ExpressionBinding(name: "User::X", type: .r8) { [box] in
            box.reads += 1
            return box.value
        }
    }
}
