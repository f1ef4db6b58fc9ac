import Foundation
import SluiceCore
import SluiceExpressions

/// The variables a container declares, linked to the scope of its parent. Lookups walk
/// outwards, so an inner declaration hides an outer one of the same name.
///
/// All scopes of a run share one lock: variable traffic is small and this keeps reads and
/// writes from parallel branches consistent without lock ordering concerns.
final class VariableScope: @unchecked Sendable {
    struct Slot {
        var variable: Variable
        /// System variables are read-only, except those a handler may set (`Propagate`).
        var writable: Bool
        /// For a variable evaluated as an expression: its compiled expression (set at validation).
        var expression: CompiledExpression?
    }

    let owner: String
    let parent: VariableScope?
    private let lock: NSLock
    private var slots: [String: Slot] = [:]
    private var order: [String] = []
    /// Told the key of each variable of this scope that is written, while the variable lock is
    /// held. A checkpoint sets it before execution, to save only what changed.
    var onWrite: (@Sendable (String) -> Void)?

    init(owner: String, parent: VariableScope?, lock: NSLock, variables: [Variable]) {
        self.owner = owner
        self.parent = parent
        self.lock = lock
        for v in variables { add(v, writable: !v.readOnly) }
    }

    /// Adds a variable (no lock: only while the run is being prepared, or for a fresh handler scope).
    func add(_ v: Variable, writable: Bool) {
        let key = v.qualifiedName.description
        if slots[key] == nil { order.append(key) }
        slots[key] = Slot(variable: v, writable: writable)
    }

    /// The scope, key and slot that answer to the reference `name`, innermost first (under the lock).
    private func locate(_ name: String) -> (scope: VariableScope, key: String, slot: Slot)? {
        // A reference written `Namespace::Name`, the usual form, is its key as it stands:
        // one dictionary lookup per scope, without parsing it or building the key anew.
        if Self.isWrittenAsKey(name) {
            var scope: VariableScope? = self
            while let s = scope {
                if let slot = s.slots[name] { return (s, name, slot) }
                scope = s.parent
            }
            return nil  // the same key is what the general search below would look for
        }
        let q = QualifiedName(parsing: name)
        var scope: VariableScope? = self
        while let s = scope {
            if let ns = q.namespace {
                let key = "\(ns)::\(q.name)"
                if let slot = s.slots[key] { return (s, key, slot) }
            } else if let key = s.order.first(where: { s.slots[$0]!.variable.name == q.name }) {
                return (s, key, s.slots[key]!)
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
        lock.lock()
        guard let (_, key, slot) = locate(name) else {
            lock.unlock()
            throw SluiceError(.variableNotFound, ["name": name, "container": owner])
        }
        lock.unlock()
        // Evaluated outside the lock: the expression reads other variables.
        if let expression = slot.expression {
            return TypedValue(slot.variable.type, try Self.guardRecursion(key) { try expression.evaluate() })
        }
        return TypedValue(slot.variable.type, slot.variable.value)
    }

    /// The declaration `name` resolves to: its key, variable and whether it may be written.
    func declaration(of name: String) -> (String, Variable, Bool)? {
        lock.lock()
        defer { lock.unlock() }
        guard let (_, key, slot) = locate(name) else { return nil }
        return (key, slot.variable, slot.writable && slot.expression == nil && slot.variable.expression == nil)
    }

    /// Variables of this scope that evaluate as expressions, by key.
    var expressionVariables: [(String, String)] {
        order.compactMap { key in slots[key]!.variable.expression.map { (key, $0) } }
    }

    func setExpression(_ key: String, _ e: CompiledExpression) {
        lock.lock()
        slots[key]?.expression = e
        lock.unlock()
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

    /// Writes a variable, converting to its type. Returns the variable when it asks for a
    /// change event.
    @discardableResult
    func write(_ name: String, _ value: Value) throws -> Variable? {
        lock.lock()
        defer { lock.unlock() }
        guard let (scope, key, found) = locate(name) else { throw SluiceError(.variableNotFound, ["name": name, "container": owner]) }
        var slot = found
        guard slot.writable, slot.variable.expression == nil else {
            throw SluiceError(.variableReadOnly, ["name": slot.variable.qualifiedName.description])
        }
        slot.variable.value = try value.converted(to: slot.variable.type)
        scope.slots[key] = slot
        scope.onWrite?(key)
        return slot.variable.raiseChangedEvent ? slot.variable : nil
    }

    /// Writes a variable of this very scope even when it is read-only (the runtime's own writes).
    func forceWrite(_ qualifiedName: String, _ value: Value) throws {
        lock.lock()
        defer { lock.unlock() }
        guard var slot = slots[qualifiedName] else { throw SluiceError(.variableNotFound, ["name": qualifiedName, "container": owner]) }
        slot.variable.value = try value.converted(to: slot.variable.type)
        slots[qualifiedName] = slot
    }

    /// The variables declared in this scope, in declaration order.
    var snapshot: [String: TypedValue] {
        lock.lock()
        defer { lock.unlock() }
        var out: [String: TypedValue] = [:]
        for key in order { out[key] = TypedValue(slots[key]!.variable.type, slots[key]!.variable.value) }
        return out
    }

    // MARK: - Checkpoints

    /// The value a checkpoint saves for variable `key` of this very scope, or nil when it saves
    /// none: read-only, system and expression variables cannot change, and objects are never
    /// saved (as in SSIS).
    func checkpointValue(_ key: String) -> TypedValue? {
        lock.lock()
        defer { lock.unlock() }
        guard let slot = slots[key], Self.isSaved(slot) else { return nil }
        return TypedValue(slot.variable.type, slot.variable.value)
    }

    /// Every variable of this very scope a checkpoint saves, in declaration order.
    var checkpointValues: [(String, TypedValue)] {
        lock.lock()
        defer { lock.unlock() }
        return order.compactMap { key in
            guard let slot = slots[key], Self.isSaved(slot) else { return nil }
            return (key, TypedValue(slot.variable.type, slot.variable.value))
        }
    }

    /// Writes a value restored from a checkpoint into variable `key` of this very scope,
    /// converted to the variable's type. A variable a checkpoint does not save (see
    /// ``checkpointValue(_:)``) is left as declared: returns false.
    /// - Throws: `SLUICE_E_VARIABLE_NOT_FOUND`, `SLUICE_E_TYPE_MISMATCH`.
    func restore(_ key: String, _ value: Value) throws -> Bool {
        lock.lock()
        defer { lock.unlock() }
        guard var slot = slots[key] else { throw SluiceError(.variableNotFound, ["name": key, "container": owner]) }
        guard Self.isSaved(slot) else { return false }
        slot.variable.value = try value.converted(to: slot.variable.type)
        slots[key] = slot
        return true
    }

    private static func isSaved(_ slot: Slot) -> Bool {
        slot.writable && slot.expression == nil && slot.variable.expression == nil && slot.variable.type != .object
            && slot.variable.namespace != Variable.systemNamespace && slot.variable.value.kind != .object
    }
}
