/// A token of the SSIS expression language.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case integer(text: String, suffix: String)
        case real(text: String, suffix: String)
        case string(String)
        /// `@[User::X]`, `@X`, `@[$Package::P]`.
        case variable(String)
        /// `$Package::P`, `$Project::P`.
        case parameter(String)
        /// A bare identifier: function name, type name, TRUE/FALSE, column name.
        case identifier(String)
        /// `[Column Name]`.
        case bracketed(String)
        case symbol(String)
        case end
    }

    let kind: Kind
    let position: SourcePosition

    func isSymbol(_ s: String) -> Bool { kind == .symbol(s) }
}
