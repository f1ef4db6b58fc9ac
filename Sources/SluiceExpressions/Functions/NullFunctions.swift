import SluiceCore

/// ISNULL, REPLACENULL (NULL(type) is a literal the parser reads).
enum NullFunctions {
    static let all: [String: FunctionLibrary.Definition] = [
        "ISNULL": .init(arity: 1...1) { call in
            let e = try call.argument(0).evaluate
            return (Compiled(.bool) { .bool(try e().isNull) }, true)
        },
        "REPLACENULL": .init(arity: 2...2) { call in
            let value = try call.argument(0)
            let replacement = try call.argument(1)
            guard let type = TypeRules.common(value.type, replacement.type) else {
                throw call.typeError("\(value.type) and \(replacement.type) are incompatible")
            }
            let ev = try Casts.implicit(value, to: type, at: call.position, locale: call.compiler.environment.locale).evaluate
            let er = try Casts.implicit(replacement, to: type, at: call.position, locale: call.compiler.environment.locale).evaluate
            return (Compiled(type) {
                let v = try ev()
                return v.isNull ? try er() : v
            }, true)
        },
    ]
}
