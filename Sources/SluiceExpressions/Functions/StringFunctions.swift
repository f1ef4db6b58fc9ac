import SluiceCore

/// CODEPOINT, HEX, LEFT, LEN, LOWER, LTRIM, REPLICATE, REVERSE, RIGHT, RTRIM, SUBSTRING, TRIM,
/// UPPER; FINDSTRING, REPLACE, TOKEN and TOKENCOUNT are in ``StringSearch``.
///
/// Strings are sequences of Unicode scalars (SSIS counts UTF-16 code units; the two agree outside
/// the supplementary planes). Every string argument may be DT_STR, DT_WSTR, DT_TEXT or DT_NTEXT;
/// other types need a cast, as in SSIS. Results are DT_WSTR, with a length when it is known.
enum StringFunctions {
    static let all: [String: FunctionLibrary.Definition] = [
        "CODEPOINT": .init(arity: 1...1) { call in
            let s = try call.stringArgument(0)
            return call.strict(ExpressionType(.ui2), [s]) { v in
                // NULL for an empty string (documented); a character beyond U+FFFF gives its first
                // UTF-16 code unit, as SSIS's UTF-16 strings do.
                guard let unit = v[0].string!.utf16.first else { return .null }
                return .uint(UInt64(unit))
            }
        },
        "HEX": .init(arity: 1...1) { call in
            let x = try call.integerArgument(0)
            let bits = x.type.integerBits
            let mask: UInt64 = bits == 64 ? .max : (1 << UInt64(bits)) - 1
            return call.strict(.wstr(bits / 4), [x]) { v in
                // A negative value shows as the two's complement of its type's width.
                let pattern: UInt64 = if case .int(let i) = v[0] { UInt64(bitPattern: i) & mask } else { v[0].uint64! }
                return .string(String(pattern, radix: 16, uppercase: true))
            }
        },
        "LEN": .init(arity: 1...1) { call in try length(call) },
        "LOWER": .init(arity: 1...1) { call in try map(call) { String(caseMapped($0, upper: false)) } },
        "UPPER": .init(arity: 1...1) { call in try map(call) { String(caseMapped($0, upper: true)) } },
        "REVERSE": .init(arity: 1...1) { call in try map(call) { String(String.UnicodeScalarView($0.unicodeScalars.reversed())) } },
        // SSIS trims spaces only, never tabs or line breaks.
        "LTRIM": .init(arity: 1...1) { call in try map(call) { String(trimmed($0.unicodeScalars, leading: true, trailing: false)) } },
        "RTRIM": .init(arity: 1...1) { call in try map(call) { String(trimmed($0.unicodeScalars, leading: false, trailing: true)) } },
        "TRIM": .init(arity: 1...1) { call in try map(call) { String(trimmed($0.unicodeScalars, leading: true, trailing: true)) } },
        "LEFT": .init(arity: 2...2) { call in try prefix(call, fromEnd: false) },
        "RIGHT": .init(arity: 2...2) { call in try prefix(call, fromEnd: true) },
        "SUBSTRING": .init(arity: 3...3) { call in
            let s = try call.stringArgument(0), start = try call.integerArgument(1), count = try call.integerArgument(2)
            let fail = call.errors
            let length = [s.type.length, FunctionCall.constantCount(count)].compactMap { $0 }.min().map { max($0, 1) }
            return call.strict(.wstr(length), [s, start, count]) { v in
                let (p, n) = (FunctionCall.integer(v[1]), FunctionCall.integer(v[2]))
                guard p >= 1 else { throw fail.argument("the start position must be 1 or more, not \(p)") }
                guard n >= 0 else { throw fail.argument("the length must not be negative, not \(n)") }
                let scalars = v[0].string!.unicodeScalars
                let from = Int(min(p - 1, Int64(scalars.count)))
                return .string(String(String.UnicodeScalarView(scalars.dropFirst(from).prefix(Int(min(n, Int64(Int32.max)))))))
            }
        },
        "REPLICATE": .init(arity: 2...2) { call in
            let s = try call.stringArgument(0), times = try call.integerArgument(1)
            let fail = call.errors
            // A declared length past Int's range is unknown rather than a trap.
            let length = s.type.length.flatMap { l in
                FunctionCall.constantCount(times).flatMap { n in
                    let (product, overflow) = l.multipliedReportingOverflow(by: n)
                    return overflow ? nil : max(product, 1)
                }
            }
            return call.strict(.wstr(length), [s, times]) { v in
                let (text, n) = (v[0].string!, FunctionCall.integer(v[1]))
                guard n >= 0 else { throw fail.argument("the number of times must not be negative, not \(n)") }
                if text.isEmpty || n == 0 { return .string("") }
                // A bound against exhausting memory, shared by every string operation.
                let limit = Int64(StringLimit.maximumLength)
                guard n <= limit, Int64(text.unicodeScalars.count) * n <= limit else { throw fail.tooLong }
                return .string(String(repeating: text, count: Int(n)))
            }
        },
    ].merging(StringSearch.all) { first, _ in first }

    /// A function from one string to a string of at most the same length.
    private static func map(_ call: FunctionCall, _ f: @escaping @Sendable (String) -> String) throws -> Operators.Result {
        let s = try call.stringArgument(0)
        return call.strict(.wstr(s.type.length), [s]) { v in .string(f(v[0].string!)) }
    }

    /// LEFT and RIGHT: a negative count is an error; a count past the end gives the whole string.
    private static func prefix(_ call: FunctionCall, fromEnd: Bool) throws -> Operators.Result {
        let s = try call.stringArgument(0), count = try call.integerArgument(1)
        let fail = call.errors
        let length = [s.type.length, FunctionCall.constantCount(count)].compactMap { $0 }.min().map { max($0, 1) }
        return call.strict(.wstr(length), [s, count]) { v in
            let n = FunctionCall.integer(v[1])
            guard n >= 0 else { throw fail.argument("the number of characters must not be negative, not \(n)") }
            let scalars = v[0].string!.unicodeScalars
            let k = Int(min(n, Int64(scalars.count)))
            return .string(String(String.UnicodeScalarView(fromEnd ? scalars.suffix(k) : scalars.prefix(k))))
        }
    }

    /// Case mapping one scalar at a time, so the length never changes (SSIS maps character by
    /// character; a mapping to several characters, such as ß to SS, leaves the character as is).
    static func caseMapped(_ s: String, upper: Bool) -> String.UnicodeScalarView {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            let mapped = upper ? u.properties.uppercaseMapping : u.properties.lowercaseMapping
            let scalars = mapped.unicodeScalars
            out.append(scalars.count == 1 ? scalars.first! : u)
        }
        return out
    }

    static func trimmed(_ s: String.UnicodeScalarView, leading: Bool, trailing: Bool) -> String.UnicodeScalarView {
        var view = Substring.UnicodeScalarView(s)
        if leading { view = view.drop { $0 == " " } }
        if trailing { while view.last == " " { view.removeLast() } }
        return String.UnicodeScalarView(view)
    }
}
