import SluiceCore

/// Assigns a variable from a literal, another variable or a package parameter.
///
/// The value is converted to the variable's declared type the way every variable write is
/// (``Value/converted(to:)``): a literal is parsed as text of that type, so `"42"` sets a
/// `DT_I4` to 42 and `"abc"` fails with `SLUICE_E_TYPE_MISMATCH`. The new value, as stored, is
/// the execution value.
public final class SetVariableTask: StockTask {
    public static let descriptor = ComponentDescriptor(
        id: "sluice.setVariable", kind: .task, displayName: "Set Variable",
        description: "Sets a variable from a literal value, another variable or a package parameter.",
        version: "1.0.0",
        properties: [
            PropertySpec("variable", .string, required: true, "Variable to set (User::Name or Name)."),
            PropertySpec(
                "value", .string,
                "Literal text, parsed into the variable's type (an empty string counts as a value). "
                    + "Give exactly one of value, sourceVariable and sourceParameter."),
            PropertySpec("sourceVariable", .string, "Variable whose value is copied, converted to the target's type."),
            PropertySpec(
                "sourceParameter", .string, "Package parameter whose value is copied, converted to the target's type."),
        ])

    /// Where the new value comes from.
    enum Source: Equatable {
        case literal(String)
        case variable(String)
        case parameter(String)
    }

    let variable: String
    let source: Source

    public init(_ properties: ResolvedProperties) throws {
        variable = try properties.string("variable")
        guard !variable.isEmpty else {
            throw SluiceError(.propertyRequired, ["property": "variable", "executable": properties.owner])
        }
        // A literal counts even when empty (clearing a string is legitimate); the names do not,
        // since tools write "" for a name the user left unset.
        let literal = properties.optionalString("value")
        let sourceVariable = properties.nonEmptyString("sourceVariable")
        let sourceParameter = properties.nonEmptyString("sourceParameter")
        switch (literal, sourceVariable, sourceParameter) {
        case (let text?, nil, nil): source = .literal(text)
        case (nil, let name?, nil): source = .variable(name)
        case (nil, nil, let name?): source = .parameter(name)
        default:
            // None or several: name them in declaration order (no list built on the good path,
            // which runs once per task and run).
            let given = [
                literal.map { _ in "value" }, sourceVariable.map { _ in "sourceVariable" },
                sourceParameter.map { _ in "sourceParameter" },
            ].compactMap { $0 }
            let found = given.isEmpty ? "none is set" : "found " + given.joined(separator: " and ")
            throw properties.invalid(
                given.first ?? "value", "give exactly one of value, sourceVariable and sourceParameter; \(found)")
        }
    }

    public func validate(in context: any TaskContext) throws {
        let target = try context.variable(variable)
        let value = try sourceValue(in: context)
        // A literal is fixed in the package: one that cannot become the variable's type fails
        // now, with the error the run would give, before any task has acted. (A variable or a
        // parameter may hold another value by then: a parent package binds parameters.)
        if case .literal = source { _ = try value.value.converted(to: target.type) }
    }

    public func execute(in context: any TaskContext) throws -> TaskOutcome {
        let value = try sourceValue(in: context)
        // A sensitive source makes the target sensitive for the rest of the run.
        try context.setVariable(variable, to: value.value, sensitive: value.sensitive)
        // Read back: the execution value is what the variable now holds, after conversion.
        let stored = try context.variable(variable)
        // A parameter may be sensitive (a password), so its value stays out of the event log.
        let shown = if case .parameter(let name) = source { "the value of parameter \(name)" } else { stored.shown }
        context.raise(.information(code: 0, message: "Set \(variable) to \(shown)."))
        return .success(stored)
    }

    private func sourceValue(in context: any TaskContext) throws -> TypedValue {
        switch source {
        case .literal(let text): TypedValue(.wstr, .string(text))
        case .variable(let name): try context.variable(name)
        case .parameter(let name): try context.parameter(name)
        }
    }
}
