/// A node of a parsed expression, with the position of its first character.
public struct ExpressionNode: Sendable, Hashable {
    public indirect enum Kind: Sendable, Hashable {
        case integer(text: String, suffix: String)
        case real(text: String, suffix: String)
        case string(String)
        case bool(Bool)
        /// `NULL(DT_I4)`: a typed null.
        case null(ExpressionType)
        /// `@[User::X]`, `@X`: the name as written inside the reference.
        case variable(String)
        /// `$Package::P`, `@[$Project::P]`: the name without `$`.
        case parameter(String)
        /// A column name, bare or `[Bracketed]`.
        case column(String)
        case unary(String, ExpressionNode)
        case binary(String, ExpressionNode, ExpressionNode)
        case conditional(ExpressionNode, ExpressionNode, ExpressionNode)
        case cast(ExpressionType, ExpressionNode)
        /// A function call; the name is upper-cased (SSIS function names are case-insensitive).
        case call(String, [ExpressionNode])
    }

    public let kind: Kind
    public let position: SourcePosition

    public init(_ kind: Kind, at position: SourcePosition) {
        self.kind = kind
        self.position = position
    }
}
