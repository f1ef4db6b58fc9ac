import Foundation
import SluiceCore
import SluiceRegistry

/// Small, real task components for runtime tests: they record what ran, fail on request, wait
/// for cancellation, and measure how many run at once.
public enum TestComponents {
    /// Registers `test.record`, `test.fail`, `test.waitForCancel` and `test.concurrent` in `registry`.
    public static func register(into registry: ComponentRegistry, log: TestLog, probe: ConcurrencyProbe = ConcurrencyProbe()) throws {
        try registry.register(descriptor("test.record", [PropertySpec("label", .string), PropertySpec("variable", .string), PropertySpec("value", .string)])) {
            RecordTask(log: log, label: $0.optionalString("label") ?? $0.owner, variable: $0.optionalString("variable"), value: $0.optionalString("value"))
        }
        try registry.register(descriptor("test.fail", [PropertySpec("errors", .integer, default: 1), PropertySpec("result", .string, default: "Failure"), PropertySpec("failValidation", .boolean, default: false)])) {
            FailTask(log: log, name: $0.owner, errors: Int($0.optionalInt("errors") ?? 1),
                     result: ExecutionResult(rawValue: $0.optionalString("result") ?? "Failure") ?? .failure,
                     failValidation: $0.bool("failValidation"))
        }
        try registry.register(descriptor("test.waitForCancel", [])) { WaitForCancelTask(log: log, name: $0.owner) }
        try registry.register(descriptor("test.concurrent", [PropertySpec("target", .integer, default: 2)])) {
            ConcurrentTask(probe: probe, target: Int($0.optionalInt("target") ?? 2))
        }
    }

    static func descriptor(_ id: String, _ properties: [PropertySpec]) -> ComponentDescriptor {
        ComponentDescriptor(id: id, kind: .task, displayName: id, description: "test component", version: "1.0.0", properties: properties)
    }
}

/// What the test tasks did, in order.
public final class TestLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    public init() {}
    public func append(_ entry: String) {
        lock.lock()
        stored.append(entry)
        lock.unlock()
    }
    public var entries: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

/// Counts tasks running at the same moment.
public final class ConcurrencyProbe: @unchecked Sendable {
    private let condition = NSCondition()
    private var running = 0
    public private(set) var maximum = 0
    public private(set) var reachedTarget = false
    /// How long a task waits for the others before giving up.
    public var waitSeconds: Double = 5
    public init() {}

    /// Enters, then waits (up to `waitSeconds`) until `target` tasks are inside at once.
    func enter(target: Int) {
        condition.lock()
        running += 1
        maximum = max(maximum, running)
        if running >= target { reachedTarget = true }
        condition.broadcast()
        let deadline = Date().addingTimeInterval(waitSeconds)
        while !reachedTarget && condition.wait(until: deadline) {}
        condition.unlock()
    }

    func leave() {
        condition.lock()
        running -= 1
        condition.unlock()
    }
}

final class RecordTask: TaskComponent, @unchecked Sendable {
    let log: TestLog
    let label: String
    let variable: String?
    let value: String?
    init(log: TestLog, label: String, variable: String?, value: String?) {
        self.log = log
        self.label = label
        self.variable = variable
        self.value = value
    }
    func validate(in context: any TaskContext) throws {}
    func execute(in context: any TaskContext) throws -> TaskOutcome {
        log.append(label)
        if let variable { try context.setVariable(variable, to: .string(value ?? label)) }
        return .success(.string(label))
    }
}

final class FailTask: TaskComponent, @unchecked Sendable {
    let log: TestLog
    let name: String
    let errors: Int
    let result: ExecutionResult
    let failValidation: Bool
    init(log: TestLog, name: String, errors: Int, result: ExecutionResult, failValidation: Bool) {
        self.log = log
        self.name = name
        self.errors = errors
        self.result = result
        self.failValidation = failValidation
    }
    func validate(in context: any TaskContext) throws {
        if failValidation { throw SluiceError(.validationFailed, ["executable": name, "reason": "asked to fail validation"]) }
    }
    func execute(in context: any TaskContext) throws -> TaskOutcome {
        log.append(name)
        for i in 0..<errors { context.raise(.error(code: SluiceMessage.taskFailed.code, message: "\(name) error \(i + 1)")) }
        return TaskOutcome(result)
    }
}

final class WaitForCancelTask: TaskComponent, @unchecked Sendable {
    let log: TestLog
    let name: String
    init(log: TestLog, name: String) {
        self.log = log
        self.name = name
    }
    func validate(in context: any TaskContext) throws {}
    func execute(in context: any TaskContext) throws -> TaskOutcome {
        log.append("\(name) started")
        let deadline = Date().addingTimeInterval(30)
        while !context.isCanceled && Date() < deadline { usleep(2_000) }
        log.append("\(name) saw cancel")
        return context.isCanceled ? .canceled : .failure
    }
}

final class ConcurrentTask: TaskComponent, @unchecked Sendable {
    let probe: ConcurrencyProbe
    let target: Int
    init(probe: ConcurrencyProbe, target: Int) {
        self.probe = probe
        self.target = target
    }
    func validate(in context: any TaskContext) throws {}
    func execute(in context: any TaskContext) throws -> TaskOutcome {
        probe.enter(target: target)
        probe.leave()
        return .success()
    }
}
