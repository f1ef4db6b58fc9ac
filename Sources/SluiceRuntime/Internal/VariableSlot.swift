import Foundation
import SluiceCore
import SluiceExpressions
import Synchronization

/// One variable of a run: its declaration and its current value, behind a lock of its own.
///
/// Expressions compiled at validation hold the slot itself (see ``ScopeEnvironment``), so a
/// read while the run executes is this lock and a copy of the value: no lookup by name, and no
/// lock shared with other variables. Reading or writing one variable is atomic; parallel
/// branches that touch different variables never wait for each other. As with SSIS's variable
/// dispenser, which locks each variable on its own, an assignment that reads the variable it
/// sets (`@[User::N] = @[User::N] + 1`) reads and then writes: two branches doing that to one
/// variable at once can both read the old value.
final class VariableSlot: Sendable {
    /// `Namespace::Name`.
    let key: String
    /// The variable as declared (its `value` is the initial one; ``read()`` gives the current).
    let declaration: Variable
    /// System variables are read-only, except those a handler may set (`Propagate`).
    let writable: Bool
    /// The path of the container that declares it.
    let owner: String
    private let isExpression: Bool
    private let value: Mutex<Value>
    /// For a variable evaluated as an expression: its compiled expression (set at validation).
    private let expression = Mutex<CompiledExpression?>(nil)
    /// Told the key after each write (a checkpoint notes what changed).
    private let writeObserver = Mutex<(@Sendable (String) -> Void)?>(nil)
    /// Set for good once a sensitive value is written (taint lasts for the rest of the run).
    private let tainted = Atomic<Bool>(false)
    /// The run's redactor, told the text of each sensitive value written.
    private let secrets = Mutex<SensitiveTexts?>(nil)

    init(_ variable: Variable, writable: Bool, owner: String = "") {
        key = variable.qualifiedName.description
        self.owner = owner
        declaration = variable
        self.writable = writable
        isExpression = variable.expression != nil
        value = Mutex(variable.value)
    }

    /// The variable's id (System::VariableID): made from where it is declared and its name, so
    /// the same variable has the same id in every run (the package file keeps no variable ids).
    var id: UUID { SystemVariables.nameBasedID(owner + "|" + key) }

    /// Whether an assignment may set the variable: writable and not evaluated as an expression.
    var isAssignable: Bool { writable && !isExpression }

    var type: DataType { declaration.type }

    /// The current value; for a variable evaluated as an expression, the expression's value now.
    func read() throws -> Value {
        // Evaluated outside any lock: the expression reads other variables.
        if isExpression, let compiled = expression.withLock({ $0 }) {
            return try Self.guardRecursion(key) { try compiled.evaluate() }
        }
        return value.withLock { $0 }
    }

    /// The value held, without evaluating an expression variable (for checkpoints).
    var storedValue: Value { value.withLock { $0 } }

    func setExpression(_ compiled: CompiledExpression) { expression.withLock { $0 = compiled } }

    func attach(_ texts: SensitiveTexts) { secrets.withLock { $0 = texts } }

    /// True when the variable holds a sensitive value: one was written to it, or (a variable
    /// evaluated as an expression) its expression reads something sensitive now.
    var isSensitive: Bool {
        if isExpression, let compiled = expression.withLock({ $0 }) {
            // A variable defined in terms of itself is refused when read; here it counts as sensitive.
            return (try? Self.guardRecursion(key) { compiled.isSensitive }) ?? true
        }
        return tainted.load(ordering: .acquiring)
    }

    func observeWrites(_ body: @escaping @Sendable (String) -> Void) { writeObserver.withLock { $0 = body } }

    /// Writes the variable, converting to its type. Returns the variable with its new value
    /// when it asks for a change event.
    /// - Throws: `SLUICE_E_VARIABLE_READ_ONLY`, `SLUICE_E_TYPE_MISMATCH`,
    ///   `SLUICE_E_VARIABLE_VALUE_TOO_LONG`.
    /// A `sensitive` value taints the variable for the rest of the run; its text, as given and
    /// as converted, goes to the redactor first, so that even a conversion error quoting it is masked.
    func write(_ newValue: Value, sensitive: Bool = false) throws -> Variable? {
        guard isAssignable else { throw SluiceError(.variableReadOnly, ["name": key]) }
        let run = secrets.withLock { $0 }
        // A value holding a secret's text is sensitive however it was computed (taint by content).
        let sensitive = sensitive || run?.occurs(in: newValue) == true
        let texts = sensitive ? run : nil
        if sensitive {
            tainted.store(true, ordering: .releasing)
            texts?.add(newValue)
        }
        let converted = try checked(newValue)
        texts?.add(converted)
        value.withLock { $0 = converted }
        writeObserver.withLock { $0 }?(key)
        guard declaration.raiseChangedEvent else { return nil }
        var changed = declaration
        changed.value = converted
        return changed
    }

    /// Writes the variable even when it is read-only (the runtime's own writes).
    func forceWrite(_ newValue: Value) throws {
        let converted = try checked(newValue)
        value.withLock { $0 = converted }
    }

    /// `v` converted to the variable's type, refused when it is a string past ``StringLimit``.
    private func checked(_ v: Value) throws -> Value {
        let converted = try v.converted(to: declaration.type)
        if case .string(let s) = converted, !StringLimit.admits(s) {
            throw SluiceError(.variableValueTooLong, ["name": key, "limit": String(StringLimit.maximumLength)])
        }
        return converted
    }

    /// A variable whose expression reads itself (directly or through others) would recurse
    /// forever; this stops it with a clear error instead.
    private static func guardRecursion<T>(_ key: String, _ body: () throws -> T) throws -> T {
        let depth = (Thread.current.threadDictionary["sluice.variableDepth"] as? Int) ?? 0
        guard depth < 64 else {
            throw SluiceError(.expressionType, ["line": "1", "column": "1", "reason": "variable \(key) is defined in terms of itself"])
        }
        Thread.current.threadDictionary["sluice.variableDepth"] = depth + 1
        defer { Thread.current.threadDictionary["sluice.variableDepth"] = depth }
        return try body()
    }
}
