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

    /// The scope and key that answer to `name`, innermost first.
    private func locate(_ q: QualifiedName) -> (VariableScope, String)? {
        var scope: VariableScope? = self
        while let s = scope {
            if let ns = q.namespace {
                let key = "\(ns)::\(q.name)"
                if s.slots[key] != nil { return (s, key) }
            } else if let key = s.order.first(where: { s.slots[$0]!.variable.name == q.name }) {
                return (s, key)
            }
            scope = s.parent
        }
        return nil
    }

    func read(_ name: String) throws -> TypedValue {
        let q = QualifiedName(parsing: name)
        lock.lock()
        guard let (scope, key) = locate(q) else {
            lock.unlock()
            throw SluiceError(.variableNotFound, ["name": name, "container": owner])
        }
        let slot = scope.slots[key]!
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
        guard let (scope, key) = locate(QualifiedName(parsing: name)) else { return nil }
        let slot = scope.slots[key]!
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
        let q = QualifiedName(parsing: name)
        lock.lock()
        defer { lock.unlock() }
        guard let (scope, key) = locate(q) else { throw SluiceError(.variableNotFound, ["name": name, "container": owner]) }
        var slot = scope.slots[key]!
        guard slot.writable, slot.variable.expression == nil else {
            throw SluiceError(.variableReadOnly, ["name": slot.variable.qualifiedName.description])
        }
        slot.variable.value = try value.converted(to: slot.variable.type)
        scope.slots[key] = slot
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
}
