/// A package parameter (`$Package::Name`): a typed value set from outside at run time.
///
/// A sensitive parameter's value is never written to a package file in clear: saving drops it,
/// and the run must receive it with `--param`.
public struct Parameter: Sendable, Hashable {
    public var name: String
    public var type: DataType
    public var value: Value
    public var required: Bool
    public var sensitive: Bool
    public var description: String

    public init(
        _ name: String, type: DataType, value: Value = .null, required: Bool = false, sensitive: Bool = false,
        description: String = ""
    ) {
        self.name = name
        self.type = type
        self.value = value
        self.required = required
        self.sensitive = sensitive
        self.description = description
    }
}
