/// How `sluice plugins check` exercises a library.
public struct ConformanceOptions: Codable, Sendable {
    /// Call each task's `execute` too (it may have side effects, so only when asked).
    public var execute = false
    /// How many items an enumerator may give before it counts as endless.
    public var maxItems = 100_000
    /// How many times each component is created and destroyed.
    public var cycles = 3
    /// Seconds one step (a single plugin call, or an enumerator's whole pass) may take.
    public var stepTimeout: Double = 10
    /// Property values beyond the defaults, by component id then property name, as text:
    /// what a required property without a default needs before `validate` can be called.
    public var properties: [String: [String: String]] = [:]

    public init() {}

    /// Parses `component.id.property=value` (the property is the last dotted segment before `=`).
    /// - Returns: nil when the text has no `=` or no dot before it.
    public mutating func addProperty(_ assignment: String) -> Bool {
        guard let eq = assignment.firstIndex(of: "="), let dot = assignment[..<eq].lastIndex(of: "."),
            dot != assignment.startIndex, assignment.index(after: dot) != eq
        else { return false }
        let component = String(assignment[..<dot])
        let property = String(assignment[assignment.index(after: dot)..<eq])
        properties[component, default: [:]][property] = String(assignment[assignment.index(after: eq)...])
        return true
    }
}
