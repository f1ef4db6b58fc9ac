import SluiceCore

/// Argument checks and run-time errors shared by the math, string and date functions.
extension FunctionCall {
    /// Compiles argument `i` and requires a string type (DT_STR and DT_TEXT are read as DT_WSTR,
    /// as SSIS casts them implicitly; anything else needs an explicit cast).
    func stringArgument(_ i: Int) throws -> Compiled {
        let c = try argument(i)
        try require(c, i, "a string (cast it with (DT_WSTR,n))") { $0.isString }
        return c
    }

    /// Compiles argument `i` and requires an integer type (a real or decimal needs a cast).
    func integerArgument(_ i: Int) throws -> Compiled {
        let c = try argument(i)
        try require(c, i, "an integer") { $0.isInteger }
        return c
    }

    /// Compiles argument `i` and requires a numeric type.
    func numericArgument(_ i: Int) throws -> Compiled {
        let c = try argument(i)
        try require(c, i, "numeric") { $0.isNumeric }
        return c
    }

    /// Compiles argument `i` and requires a date or time type (a string needs a cast).
    func dateArgument(_ i: Int) throws -> Compiled {
        let c = try argument(i)
        try require(c, i, "a date (cast text with (DT_DBTIMESTAMP))") { $0.isDate }
        return c
    }

    /// The constant value of an integer argument known at compile time, for result lengths.
    static func constantCount(_ c: Compiled) -> Int? {
        guard let v = c.constant, let i = v.int64, i >= 0, i <= 1_000_000 else { return nil }
        return Int(i)
    }

    /// The errors evaluation may raise, without the compiler (which evaluators must not hold).
    var errors: CallErrors { CallErrors(name: name, position: position) }

    /// A count or position argument as an `Int`: any integer type, a DT_UI8 beyond `Int64`
    /// reading as `Int64.max`.
    static func integer(_ v: Value) -> Int64 { v.int64 ?? (v.uint64 != nil ? .max : 0) }
}

/// Run-time errors of one call, at the call's position.
struct CallErrors: Sendable {
    let name: String
    let position: SourcePosition

    func argument(_ reason: String) -> SluiceError {
        SluiceError(.expressionArgument, position.inserts.merging(["name": name, "reason": reason]) { $1 })
    }

    var overflow: SluiceError { SluiceError(.expressionOverflow, position.inserts.merging(["operation": name]) { $1 }) }

    /// The result would pass ``StringLimit``.
    var tooLong: SluiceError { stringTooLong(name, at: position) }
}
