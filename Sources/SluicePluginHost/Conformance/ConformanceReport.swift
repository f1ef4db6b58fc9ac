import SluiceCore

/// One rule of the plugin contract a library broke: which component, in which step, what the
/// contract expects and what the plugin did, under a Sluice code.
public struct ConformanceBreach: Codable, Sendable, Hashable {
    public var code: Int32
    public var name: String
    /// The component's id, or `(library)` for the library as a whole.
    public var component: String
    public var step: String
    public var expected: String
    public var actual: String
    /// The whole message, as `sluice errors CODE` shows its template.
    public var message: String

    /// A breach under one of the check messages (every one takes component, step, expected, actual).
    package init(_ message: SluiceMessage, component: String, step: String, expected: String, actual: String) {
        let error = SluiceError(message, ["component": component, "step": step, "expected": expected, "actual": actual])
        self.init(error, component: component, step: step, expected: expected, actual: actual)
    }

    /// A breach reported by a host error of its own (a refused library, a cancel nobody asked for).
    package init(_ error: SluiceError, component: String, step: String, expected: String, actual: String) {
        code = error.code
        name = error.name
        self.component = component
        self.step = step
        self.expected = expected
        self.actual = actual
        message = error.text + (error.pluginCode.map { " [plugin code \($0)]" } ?? "")
    }

    /// The line the command prints: code, symbolic name, then the message.
    public var line: String { "\(code) \(name) \(message)" }
}

/// A check that was not run, and why (not a breach).
public struct ConformanceNote: Codable, Sendable, Hashable {
    public var code: Int32
    public var name: String
    public var component: String
    public var step: String
    public var message: String

    package init(component: String, step: String, reason: String) {
        let error = SluiceError(.checkSkipped, ["component": component, "step": step, "reason": reason])
        code = error.code
        name = error.name
        self.component = component
        self.step = step
        message = error.text
    }

    public var line: String { "\(code) \(name) \(message)" }
}

/// What `sluice plugins check` found in one library.
public struct ConformanceReport: Codable, Sendable {
    public var path: String
    /// The ids of the library's components (empty when the library was refused).
    public var components: [String] = []
    /// How many rules were checked, passed or not.
    public var checks = 0
    public var breaches: [ConformanceBreach] = []
    public var notes: [ConformanceNote] = []

    public init(path: String) { self.path = path }

    public var passed: Bool { breaches.isEmpty }

    /// The closing line: SLUICE_I_CHECK_PASSED, or SLUICE_E_CHECK_BREACHES with the count.
    public var summary: SluiceError {
        passed
            ? SluiceError(.checkPassed, ["path": path, "checks": "\(checks)", "components": "\(components.count)"])
            : SluiceError(.checkBreaches, ["path": path, "count": "\(breaches.count)", "checks": "\(checks)"])
    }
}
