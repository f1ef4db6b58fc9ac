import SluiceCore

/// Tells an assignment (`@[User::X] = …`) from an expression without parsing all of it.
public enum ExpressionText {
    /// True when the text starts with a variable and `=`. Reads those two tokens only: a
    /// problem further on is for the parser to report.
    public static func isAssignment(_ text: String) -> Bool {
        var lexer = Lexer(text)
        guard let first = try? lexer.next(), case .variable = first.kind, let second = try? lexer.next() else { return false }
        return second.isSymbol("=")
    }
}

/// Parses SSIS expression text into an ``ExpressionNode`` tree, with SSIS's operator precedence
/// (lowest first): `?:`, `||`, `&&`, `|`, `^`, `&`, `== !=`, `< > <= >=`, `+ -`, `* / %`, then
/// unary `- ! ~` and casts. Binary operators associate left; `?:` and unary operators right.
///
/// ```swift
/// let tree = try ExpressionParser.parse("@[User::Count] > 10 && !ISNULL(@Name)")
/// ```
/// - Throws: `SLUICE_E_EXPRESSION_SYNTAX` with line and column; never crashes on any input.
public struct ExpressionParser {
    private let tokens: [Token]
    private var index = 0
    private var depth = 0
    private static let maximumDepth = 200

    public static func parse(_ text: String) throws -> ExpressionNode {
        var parser = ExpressionParser(tokens: try Lexer.tokens(text))
        guard parser.current.kind != .end else { throw parser.error("the expression is empty") }
        let node = try parser.expression()
        guard parser.current.kind == .end else {
            if parser.current.isSymbol("=") { throw parser.error("'=' assigns only in an assignment; compare with '=='") }
            throw parser.error("unexpected \(parser.describe(parser.current)) after the expression")
        }
        return node
    }

    /// Parses an assignment, `@[User::X] = expression`, as For Loop init/assign expressions
    /// and the Expression task use. Returns the variable name and the value's tree.
    public static func parseAssignment(_ text: String) throws -> (variable: String, position: SourcePosition, value: ExpressionNode) {
        var parser = ExpressionParser(tokens: try Lexer.tokens(text))
        let target = parser.advance()
        guard case .variable(let name) = target.kind else {
            throw parser.error("an assignment starts with the variable to set, as in @[User::X] = 1", at: target)
        }
        guard parser.current.isSymbol("=") else { throw parser.error("expected '=' after the variable") }
        _ = parser.advance()
        guard parser.current.kind != .end else { throw parser.error("the assignment has no value") }
        let value = try parser.expression()
        guard parser.current.kind == .end else { throw parser.error("unexpected \(parser.describe(parser.current)) after the expression") }
        return (name, target.position, value)
    }

    private init(tokens: [Token]) { self.tokens = tokens }

    private var current: Token { tokens[index] }
    private mutating func advance() -> Token {
        let t = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return t
    }

    private func error(_ reason: String, at token: Token? = nil) -> SluiceError {
        SluiceError(.expressionSyntax, (token ?? current).position.inserts.merging(["reason": reason]) { $1 })
    }

    private func describe(_ t: Token) -> String {
        switch t.kind {
        case .end: "end of expression"
        case .symbol(let s): "'\(s)'"
        case .identifier(let s): "'\(s)'"
        case .integer(let s, let x), .real(let s, let x): "number \(s)\(x)"
        case .string: "a string"
        case .variable(let v): "variable @[\(v)]"
        case .parameter(let p): "parameter $\(p)"
        case .bracketed(let b): "[\(b)]"
        }
    }

    private mutating func expect(_ symbol: String) throws {
        guard current.isSymbol(symbol) else { throw error("expected '\(symbol)' but found \(describe(current))") }
        _ = advance()
    }

    // MARK: - Grammar

    private mutating func expression() throws -> ExpressionNode {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("the expression nests deeper than \(Self.maximumDepth) levels") }
        return try conditional()
    }

    private mutating func conditional() throws -> ExpressionNode {
        let condition = try binary(level: 0)
        guard current.isSymbol("?") else { return condition }
        _ = advance()
        let whenTrue = try expression()
        try expect(":")
        let whenFalse = try expression()
        return ExpressionNode(.conditional(condition, whenTrue, whenFalse), at: condition.position)
    }

    private static let levels: [[String]] = [
        ["||"], ["&&"], ["|"], ["^"], ["&"], ["==", "!="], ["<", ">", "<=", ">="], ["+", "-"], ["*", "/", "%"],
    ]

    private mutating func binary(level: Int) throws -> ExpressionNode {
        guard level < Self.levels.count else { return try unary() }
        var left = try binary(level: level + 1)
        // Each operator of a chain (1 + 2 + 3 …) nests the tree one level deeper on the left, so
        // it counts against the same limit as parentheses: compiling, evaluating and freeing the
        // tree recurse once per level, and a chain of thousands would overflow the stack.
        let chainStart = depth
        defer { depth = chainStart }
        while case .symbol(let op) = current.kind, Self.levels[level].contains(op) {
            let operatorToken = advance()
            depth += 1
            guard depth <= Self.maximumDepth else {
                throw error(
                    "the expression nests deeper than \(Self.maximumDepth) levels (each operator of a chain such as 1 + 2 + 3 is one level)",
                    at: operatorToken)
            }
            let right = try binary(level: level + 1)
            left = ExpressionNode(.binary(op, left, right), at: left.position)
        }
        return left
    }

    private mutating func unary() throws -> ExpressionNode {
        let start = current
        if case .symbol(let op) = start.kind, ["-", "!", "~"].contains(op) {
            _ = advance()
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw error("the expression nests deeper than \(Self.maximumDepth) levels") }
            return ExpressionNode(.unary(op, try unary()), at: start.position)
        }
        if start.isSymbol("("), case .identifier(let name) = tokens[min(index + 1, tokens.count - 1)].kind,
            name.uppercased().hasPrefix("DT_")
        {
            _ = advance()
            let type = try typeSpecification()
            try expect(")")
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maximumDepth else { throw error("the expression nests deeper than \(Self.maximumDepth) levels") }
            return ExpressionNode(.cast(type, try unary()), at: start.position)
        }
        return try primary()
    }

    private mutating func primary() throws -> ExpressionNode {
        let t = advance()
        switch t.kind {
        case .integer(let text, let suffix): return ExpressionNode(.integer(text: text, suffix: suffix), at: t.position)
        case .real(let text, let suffix): return ExpressionNode(.real(text: text, suffix: suffix), at: t.position)
        case .string(let s): return ExpressionNode(.string(s), at: t.position)
        case .variable(let v): return ExpressionNode(.variable(v), at: t.position)
        case .parameter(let p): return ExpressionNode(.parameter(p), at: t.position)
        case .bracketed(let c): return ExpressionNode(.column(c), at: t.position)
        case .symbol("("):
            let inner = try expression()
            try expect(")")
            return inner
        case .identifier(let name):
            let upper = name.uppercased()
            if current.isSymbol("(") {
                _ = advance()
                if upper == "NULL" {
                    let type = try typeSpecification()
                    try expect(")")
                    return ExpressionNode(.null(type), at: t.position)
                }
                return ExpressionNode(.call(upper, try arguments()), at: t.position)
            }
            if upper == "TRUE" { return ExpressionNode(.bool(true), at: t.position) }
            if upper == "FALSE" { return ExpressionNode(.bool(false), at: t.position) }
            return ExpressionNode(.column(name), at: t.position)
        case .end:
            throw error("the expression ends too early", at: t)
        default:
            throw error("unexpected \(describe(t))", at: t)
        }
    }

    /// The arguments of a call, after its `(`; date parts (`DATEADD(dd, …)`) are plain identifiers
    /// and arrive as column nodes, which the function library reads as names.
    private mutating func arguments() throws -> [ExpressionNode] {
        var args: [ExpressionNode] = []
        if current.isSymbol(")") {
            _ = advance()
            return args
        }
        while true {
            args.append(try expression())
            if current.isSymbol(",") {
                _ = advance()
                continue
            }
            try expect(")")
            return args
        }
    }

    /// `DT_WSTR, 20` inside a cast or `NULL(…)`.
    private mutating func typeSpecification() throws -> ExpressionType {
        let nameToken = advance()
        guard case .identifier(let name) = nameToken.kind, let dataType = DataType(rawValue: name.uppercased()),
            dataType != .object
        else {
            throw error("\(describe(nameToken)) is not a data type", at: nameToken)
        }
        var parameters: [Int] = []
        while current.isSymbol(",") {
            _ = advance()
            let p = advance()
            guard case .integer(let text, "") = p.kind, let n = Int(text) else {
                throw error("expected an integer type parameter but found \(describe(p))", at: p)
            }
            parameters.append(n)
        }
        return try TypeSpecification.make(dataType, parameters) { self.error($0, at: nameToken) }
    }
}
