import SluiceCore

/// Splits expression text into tokens. Never crashes on any input: every problem is a
/// `SLUICE_E_EXPRESSION_SYNTAX` error with its line and column.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var offset = 0

    init(_ text: String) { scalars = Array(text.unicodeScalars) }

    static func tokens(_ text: String) throws -> [Token] {
        var lexer = Lexer(text)
        var out: [Token] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private var position: SourcePosition { SourcePosition(line: line, column: column, offset: offset) }
    private func peek(_ ahead: Int = 0) -> Unicode.Scalar? { index + ahead < scalars.count ? scalars[index + ahead] : nil }

    private mutating func advance() -> Unicode.Scalar {
        let s = scalars[index]
        index += 1
        offset += UTF8.width(s)
        if s == "\n" { line += 1; column = 1 } else { column += 1 }
        return s
    }

    private func error(_ reason: String, at p: SourcePosition) -> SluiceError {
        SluiceError(.expressionSyntax, p.inserts.merging(["reason": reason]) { $1 })
    }

    mutating func next() throws -> Token {
        while let c = peek(), c.properties.isWhitespace { _ = advance() }
        let start = position
        guard let c = peek() else { return Token(kind: .end, position: start) }
        if c.isASCIIDigit || (c == "." && peek(1)?.isASCIIDigit == true) { return try number(start) }
        if c == "\"" { return try string(start) }
        if c == "@" { return try variable(start) }
        if c == "$" {
            _ = advance()
            let name = qualifiedIdentifier()
            guard !name.isEmpty else { throw error("expected a parameter name after '$'", at: start) }
            return Token(kind: .parameter(name), position: start)
        }
        if c == "[" { return Token(kind: .bracketed(try bracketed(start)), position: start) }
        if c.isIdentifierStart { return Token(kind: .identifier(identifier()), position: start) }
        for symbol in ["==", "!=", "<=", ">=", "&&", "||"] where matches(symbol) {
            for _ in symbol.unicodeScalars { _ = advance() }
            return Token(kind: .symbol(symbol), position: start)
        }
        if "+-*/%()!~&|^<>?:,=".unicodeScalars.contains(c) {
            _ = advance()
            return Token(kind: .symbol(String(c)), position: start)
        }
        throw error("unexpected character '\(c.escaped(asASCII: true))'", at: start)
    }

    private func matches(_ s: String) -> Bool {
        for (i, u) in s.unicodeScalars.enumerated() where peek(i) != u { return false }
        return true
    }

    // MARK: - Literals

    private mutating func number(_ start: SourcePosition) throws -> Token {
        if peek() == "0", peek(1) == "x" || peek(1) == "X", peek(2)?.properties.isASCIIHexDigit == true { return try hexadecimal(start) }
        var text = ""
        var isReal = false
        while let c = peek(), c.isASCIIDigit { text.unicodeScalars.append(advance()) }
        if peek() == ".", peek(1)?.isASCIIDigit == true || !text.isEmpty {
            isReal = true
            text.unicodeScalars.append(advance())
            while let c = peek(), c.isASCIIDigit { text.unicodeScalars.append(advance()) }
        }
        if let e = peek(), e == "e" || e == "E",
            peek(1)?.isASCIIDigit == true || ((peek(1) == "+" || peek(1) == "-") && peek(2)?.isASCIIDigit == true)
        {
            isReal = true
            text.unicodeScalars.append(advance())
            if peek() == "+" || peek() == "-" { text.unicodeScalars.append(advance()) }
            while let c = peek(), c.isASCIIDigit { text.unicodeScalars.append(advance()) }
        }
        var suffix = ""
        while let c = peek(), "lLuUfFeE".unicodeScalars.contains(c) { suffix.unicodeScalars.append(advance()) }
        if let c = peek(), c.isIdentifierStart || c.isASCIIDigit {
            throw error("invalid character '\(c)' in a number", at: position)
        }
        let upper = suffix.uppercased()
        let valid = isReal ? ["", "F", "L", "E"].contains(upper) : ["", "L", "U", "UL", "LU", "F", "E"].contains(upper)
        guard valid else { throw error("invalid numeric suffix '\(suffix)'", at: start) }
        if !isReal && (upper == "F" || upper == "E") { return Token(kind: .real(text: text, suffix: upper), position: start) }
        return Token(kind: isReal ? .real(text: text, suffix: upper) : .integer(text: text, suffix: upper), position: start)
    }

    /// `0xFF0A`, `0X10U`: an integer in hexadecimal, typed as a decimal literal with the same suffix.
    private mutating func hexadecimal(_ start: SourcePosition) throws -> Token {
        _ = advance()
        _ = advance()
        var digits = ""
        while let c = peek(), c.properties.isASCIIHexDigit { digits.unicodeScalars.append(advance()) }
        var suffix = ""
        while let c = peek(), "lLuU".unicodeScalars.contains(c) { suffix.unicodeScalars.append(advance()) }
        if let c = peek(), c.isIdentifierPart { throw error("invalid character '\(c)' in a number", at: position) }
        guard let value = UInt64(digits, radix: 16) else { throw error("the hexadecimal literal is out of range", at: start) }
        let upper = suffix.uppercased()
        guard ["", "L", "U", "UL", "LU"].contains(upper) else { throw error("invalid numeric suffix '\(suffix)'", at: start) }
        return Token(kind: .integer(text: String(value), suffix: upper), position: start)
    }

    private mutating func string(_ start: SourcePosition) throws -> Token {
        _ = advance()
        var value = String.UnicodeScalarView()
        while true {
            guard let c = peek() else { throw error("unterminated string", at: start) }
            _ = advance()
            if c == "\"" { break }
            guard c == "\\" else {
                value.append(c)
                continue
            }
            let escapeStart = position
            guard let e = peek() else { throw error("unterminated string", at: start) }
            _ = advance()
            switch e {
            case "a": value.append("\u{07}")
            case "b": value.append("\u{08}")
            case "f": value.append("\u{0C}")
            case "n": value.append("\n")
            case "r": value.append("\r")
            case "t": value.append("\t")
            case "v": value.append("\u{0B}")
            case "\"": value.append("\"")
            case "\\": value.append("\\")
            case "x", "X":
                var hex = ""
                while hex.count < 4, let h = peek(), h.properties.isASCIIHexDigit { hex.unicodeScalars.append(advance()) }
                guard !hex.isEmpty, let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) else {
                    throw error("\\x needs one to four hexadecimal digits of a valid character", at: escapeStart)
                }
                value.append(u)
            default:
                throw error("unknown escape '\\\(e)'", at: escapeStart)
            }
        }
        return Token(kind: .string(String(value)), position: start)
    }

    // MARK: - Names

    private mutating func variable(_ start: SourcePosition) throws -> Token {
        _ = advance()
        if peek() == "[" {
            let name = try bracketed(start)
            return name.hasPrefix("$") ? Token(kind: .parameter(String(name.dropFirst())), position: start)
                : Token(kind: .variable(name), position: start)
        }
        let name = qualifiedIdentifier()
        guard !name.isEmpty else { throw error("expected a variable name after '@'", at: start) }
        return Token(kind: .variable(name), position: start)
    }

    /// `[…]`: SSIS has no escape for `]`, so the first one ends the name.
    private mutating func bracketed(_ start: SourcePosition) throws -> String {
        _ = advance()
        var name = ""
        while true {
            guard let c = peek() else { throw error("missing ']'", at: start) }
            _ = advance()
            if c == "]" { break }
            if c == "\n" { throw error("a bracketed name cannot span lines", at: start) }
            name.unicodeScalars.append(c)
        }
        // Blank is what Foundation's `.whitespaces` trims (space separators and tab), checked
        // on the scalars rather than through NSString.
        guard name.unicodeScalars.contains(where: { !$0.isBlank }) else { throw error("empty name in brackets", at: start) }
        return name
    }

    private mutating func identifier() -> String {
        var s = ""
        while let c = peek(), c.isIdentifierPart { s.unicodeScalars.append(advance()) }
        return s
    }

    /// `Namespace::Name` or `Name`.
    private mutating func qualifiedIdentifier() -> String {
        var s = identifier()
        if peek() == ":", peek(1) == ":", peek(2)?.isIdentifierStart == true {
            _ = advance()
            _ = advance()
            s += "::" + identifier()
        }
        return s
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    /// A space separator (Unicode category Zs) or a tab: `CharacterSet.whitespaces`.
    var isBlank: Bool { self == "\t" || properties.generalCategory == .spaceSeparator }
    var isIdentifierStart: Bool { properties.isAlphabetic || self == "_" }
    var isIdentifierPart: Bool { isIdentifierStart || properties.numericType != nil || isASCIIDigit }
}
