import SluiceCore
import SluiceExpressions

/// The variables a container declares, linked to the scope of its parent. Lookups walk
/// outwards, so an inner declaration hides an outer one of the same name.
///
/// Each variable is a ``VariableSlot`` with its own lock. Which slots a scope has is fixed once
/// the run is prepared, so finding one by name takes no lock; expressions find theirs once, at
/// compile time, and keep it.
final class VariableScope: @unchecked Sendable {
    // @unchecked Sendable: `slots` and `order` change only while the run is being prepared
    // (`add`, before any other thread can see the scope); afterwards they are only read, and
    // every slot guards its own value.

    let owner: String
    let parent: VariableScope?
    private var slots: [String: VariableSlot] = [:]
    private var order: [String] = []

    init(owner: String, parent: VariableScope?, variables: [Variable]) {
        self.owner = owner
        self.parent = parent
        for v in variables { add(v, writable: !v.readOnly) }
    }

    /// A scope holding `shared`, slots of another run: a child package's view of its parent's
    /// variables (Execute Package). Reads and writes go to the parent's slots, under their locks.
    init(owner: String, sharing shared: [VariableSlot]) {
        self.owner = owner
        self.parent = nil
        for slot in shared where slots[slot.key] == nil {
            order.append(slot.key)
            slots[slot.key] = slot
        }
    }

    /// The slots this scope sees, innermost declaration first for each key, without the
    /// `System::` variables (a child package has its own). One pass over the scope chain.
    func visibleUserSlots() -> [VariableSlot] {
        var seen = Set<String>()
        var out: [VariableSlot] = []
        var scope: VariableScope? = self
        while let s = scope {
            for key in s.order {
                guard let slot = s.slots[key], slot.declaration.namespace != Variable.systemNamespace,
                    seen.insert(key).inserted
                else { continue }
                out.append(slot)
            }
            scope = s.parent
        }
        return out
    }

    /// Adds a variable (only while the run is being prepared).
    func add(_ v: Variable, writable: Bool) {
        let slot = VariableSlot(v, writable: writable, owner: owner)
        if slots[slot.key] == nil { order.append(slot.key) }
        slots[slot.key] = slot
    }

    /// The slot that answers to the reference `name` (`User::X`, `X`, `[User::X]`), innermost first.
    func slot(_ name: String) -> VariableSlot? {
        // A reference written `Namespace::Name`, the usual form, is its key as it stands:
        // one dictionary lookup per scope, without parsing it or building the key anew.
        if Self.isWrittenAsKey(name) {
            var scope: VariableScope? = self
            while let s = scope {
                if let slot = s.slots[name] { return slot }
                scope = s.parent
            }
            return nil  // the same key is what the general search below would look for
        }
        let q = QualifiedName(parsing: name)
        var scope: VariableScope? = self
        while let s = scope {
            if let ns = q.namespace {
                if let slot = s.slots["\(ns)::\(q.name)"] { return slot }
            } else if let slot = s.order.lazy.compactMap({ s.slots[$0] }).first(where: { $0.declaration.name == q.name }) {
                return slot
            }
            scope = s.parent
        }
        return nil
    }

    /// True when `QualifiedName(parsing: name)` would give back `name` as the key: it has a
    /// `::` (the namespace ends at the first) and is not in brackets (`[User::Name]`).
    private static func isWrittenAsKey(_ name: String) -> Bool {
        let u = name.utf8
        if u.first == UInt8(ascii: "["), u.last == UInt8(ascii: "]") { return false }
        var previousWasColon = false
        for b in u {
            let colon = b == UInt8(ascii: ":")
            if colon, previousWasColon { return true }
            previousWasColon = colon
        }
        return false
    }

    func read(_ name: String) throws -> TypedValue {
        guard let slot = slot(name) else { throw SluiceError(.variableNotFound, ["name": name, "container": owner]) }
        let value = try slot.read()
        return TypedValue(slot.type, value, sensitive: slot.isSensitive)
    }

    /// The declaration `name` resolves to: its key, variable and whether it may be assigned.
    func declaration(of name: String) -> (String, Variable, Bool)? {
        slot(name).map { ($0.key, $0.declaration, $0.isAssignable) }
    }

    /// Variables of this scope that evaluate as expressions, by key.
    var expressionVariables: [(String, String)] {
        order.compactMap { key in slots[key]?.declaration.expression.map { (key, $0) } }
    }

    func setExpression(_ key: String, _ e: CompiledExpression) { slots[key]?.setExpression(e) }

    /// Writes a variable, converting to its type. Returns the variable when it asks for a
    /// change event.
    @discardableResult
    func write(_ name: String, _ value: Value, sensitive: Bool = false) throws -> Variable? {
        guard let slot = slot(name) else { throw SluiceError(.variableNotFound, ["name": name, "container": owner]) }
        return try slot.write(value, sensitive: sensitive)
    }

    /// Gives every variable of this very scope the run's redactor (while the run is prepared).
    func attach(_ texts: SensitiveTexts) {
        for slot in slots.values { slot.attach(texts) }
    }

    /// Writes a variable of this very scope even when it is read-only (the runtime's own writes).
    func forceWrite(_ qualifiedName: String, _ value: Value) throws {
        guard let slot = slots[qualifiedName] else { throw SluiceError(.variableNotFound, ["name": qualifiedName, "container": owner]) }
        try slot.forceWrite(value)
    }

    /// The variables declared in this scope with their current values; a variable that
    /// evaluates as an expression (EvaluateAsExpression) gives the expression's value now, as
    /// SSIS shows it, or the value it holds when the expression cannot be evaluated.
    var snapshot: [String: TypedValue] {
        var out: [String: TypedValue] = [:]
        for key in order {
            guard let slot = slots[key] else { continue }
            let value = slot.declaration.expression == nil ? slot.storedValue : (try? slot.read()) ?? slot.storedValue
            out[key] = TypedValue(slot.type, value, sensitive: slot.isSensitive)
        }
        return out
    }

    // MARK: - Checkpoints

    /// Tells `body` the key of each variable of this very scope that is written, by any path
    /// (tasks, assignments compiled into slots): a checkpoint sets it before execution, to save
    /// only what changed.
    func observeWrites(_ body: @escaping @Sendable (String) -> Void) {
        for slot in slots.values { slot.observeWrites(body) }
    }

    /// The value a checkpoint saves for variable `key` of this very scope, or nil when it saves
    /// none: read-only, system and expression variables cannot change, objects are never saved
    /// (as in SSIS), and neither is a sensitive value (SSIS writes none in clear: the variable
    /// restarts from its declared value, or from what a rerun task computes again).
    func checkpointValue(_ key: String) -> TypedValue? {
        guard let slot = slots[key], Self.isSaved(slot) else { return nil }
        return TypedValue(slot.type, slot.storedValue)
    }

    /// Every variable of this very scope a checkpoint saves, in declaration order.
    var checkpointValues: [(String, TypedValue)] {
        order.compactMap { key in
            guard let slot = slots[key], Self.isSaved(slot) else { return nil }
            return (key, TypedValue(slot.type, slot.storedValue))
        }
    }

    /// Writes a value restored from a checkpoint into variable `key` of this very scope,
    /// converted to the variable's type. A variable a checkpoint does not save (see
    /// ``checkpointValue(_:)``) is left as declared: returns false.
    /// - Throws: `SLUICE_E_VARIABLE_NOT_FOUND`, `SLUICE_E_TYPE_MISMATCH`.
    func restore(_ key: String, _ value: Value) throws -> Bool {
        guard let slot = slots[key] else { throw SluiceError(.variableNotFound, ["name": key, "container": owner]) }
        guard Self.isSaved(slot) else { return false }
        try slot.forceWrite(value)
        return true
    }

    private static func isSaved(_ slot: VariableSlot) -> Bool {
        slot.isAssignable && slot.type != .object && slot.declaration.namespace != Variable.systemNamespace
            && slot.storedValue.kind != .object && !slot.isSensitive
    }
}
