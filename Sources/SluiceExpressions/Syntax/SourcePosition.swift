/// A place in an expression's text: 1-based line and column, and the UTF-8 offset.
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var offset: Int

    public init(line: Int, column: Int, offset: Int) {
        self.line = line
        self.column = column
        self.offset = offset
    }

    public static let start = SourcePosition(line: 1, column: 1, offset: 0)
    public var description: String { "line \(line), column \(column)" }

    var inserts: [String: String] { ["line": String(line), "column": String(column)] }
}
