/// A For Loop: `init` once, then while `eval` is true run the body and `assign`.
///
/// `initExpression` and `assignExpression` are assignments (`@[User::I] = 0`), `evalExpression` a
/// Boolean expression (`@[User::I] < 10`), as in SSIS.
public struct ForLoopSpecification: Sendable, Hashable {
    public var initExpression: String?
    public var evalExpression: String
    public var assignExpression: String?

    public init(init initExpression: String? = nil, eval evalExpression: String, assign assignExpression: String? = nil) {
        self.initExpression = initExpression
        self.evalExpression = evalExpression
        self.assignExpression = assignExpression
    }
}

/// A Foreach Loop: an enumerator and the variables each item's values go into.
public struct ForeachLoopSpecification: Sendable, Hashable {
    public var enumerator: ForeachEnumerator
    public var variableMappings: [VariableMapping]

    public init(_ enumerator: ForeachEnumerator, mappings: [VariableMapping]) {
        self.enumerator = enumerator
        self.variableMappings = mappings
    }
}

/// Puts column `index` of each enumerated item into `variable`.
public struct VariableMapping: Sendable, Hashable {
    /// The indexes a mapping may read: an item has at most 4,096 values. The bound keeps the
    /// per-item buffer a plugin enumerator fills small, and `index + 1` far from overflow.
    public static let indexRange = 0...4095

    public var variable: String
    /// Which value of the item, from 0; package files refuse one outside ``indexRange`` and the
    /// runtime checks it again (a model built in code is not read from a file).
    public var index: Int

    public init(_ variable: String, index: Int = 0) {
        self.variable = variable
        self.index = index
    }
}

/// What a Foreach Loop walks over.
public enum ForeachEnumerator: Sendable, Hashable {
    /// Files in `folder` matching `pattern` (`*` and `?` wildcards), optionally in subfolders.
    /// As SSIS's FileSpec on Windows, the pattern ignores case unless `caseSensitive`, and a
    /// pattern ending in `.*` also matches names without an extension (`*.*` matches all).
    case files(folder: String, pattern: String, recursive: Bool, retrieve: FileNameFormat, caseSensitive: Bool = false)
    /// A fixed list of items, each a row of values. A JSON array or object as a value goes
    /// into a `DT_OBJECT` variable only; mapped to any other type it fails validation.
    case items([[JSONValue]])
    /// The rows of an object variable (a result set from Execute SQL, or a list).
    case variable(String)
    /// A plugin enumerator (`SLUICE_COMPONENT_FOREACH_ENUMERATOR`) with its properties.
    case plugin(component: String, properties: JSONObject)

    public enum FileNameFormat: String, Sendable, CaseIterable {
        case fullPath, nameAndExtension, nameOnly
    }
}
