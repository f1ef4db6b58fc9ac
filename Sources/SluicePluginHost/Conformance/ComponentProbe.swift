import CSluiceABI
import Foundation
import SluiceCBoundary
import SluiceCore

/// Checks one component of a loaded library, in the check process: its property declarations,
/// create / set_property / destroy balanced against the host's allocations, `validate` with its
/// defaults, then the calls of its kind (see the `ComponentProbe+Kind` files).
///
/// Every call is announced first (``CheckMessage/step(_:)``): if it crashes or hangs, the parent
/// process names it. Every status and error message a call returns is judged by ``judge``.
final class ComponentProbe {
    /// The checked definition: the plugin's pointer (for `create`) and the host's vtable copy.
    let definition: CheckedDefinition
    let descriptor: ComponentDescriptor
    let options: ConformanceOptions
    private let emit: (CheckMessage) -> Void
    private(set) var checks = 0
    private var currentStep = ""
    private let common: UnsafePointer<sluice_task_vtable>
    /// Batches given to a transform or destination, judged after `destroy` (ComponentProbe+DataFlowBatches).
    var pendingInputs: [TrackedInputBatch] = []

    var id: String { descriptor.id }

    init(definition: CheckedDefinition, descriptor: ComponentDescriptor, options: ConformanceOptions, emit: @escaping (CheckMessage) -> Void) {
        self.definition = definition
        self.descriptor = descriptor
        self.options = options
        self.emit = emit
        // Every vtable starts with struct_size, create, destroy, set_property, validate.
        common = definition.vtable.table(as: sluice_task_vtable.self)
    }

    /// Runs every check of the component; breaches and notes are emitted as they are found.
    func run() {
        checkPropertyDeclarations()
        guard checkCreateDestroyBalance() else { return }
        let before = AllocationLedger.snapshot
        guard let values = configuredValues() else { return }
        step("create, then set_property for the configured values")
        guard let instance = create(), setProperties(instance, values) else { return }
        if validate(instance) { checkKind(instance) }
        step("destroy")
        common.pointee.destroy(instance.raw)
        judgeInputReleases()
        checkLedger(since: before, step: "validate and the \(descriptor.kind.rawValue) calls, then destroy")
    }

    private func checkKind(_ instance: Instance) {
        switch descriptor.kind {
        case .task: checkTask(instance)
        case .foreachEnumerator: checkEnumerator(instance)
        case .logProvider: checkLogProvider(instance)
        case .connectionManager: checkConnection(instance)
        case .source, .transform, .destination: checkDataFlow(instance)
        }
    }

    // MARK: Reporting

    func step(_ name: String) {
        currentStep = name
        emit(.step(name))
    }

    func breach(_ message: SluiceMessage, expected: String, actual: String) {
        emit(.breach(ConformanceBreach(message, component: id, step: currentStep, expected: expected, actual: actual)))
    }

    func breach(_ error: SluiceError, expected: String, actual: String) {
        emit(.breach(ConformanceBreach(error, component: id, step: currentStep, expected: expected, actual: actual)))
    }

    func note(_ what: String, _ reason: String) { emit(.note(ConformanceNote(component: id, step: what, reason: reason))) }

    func countCheck(_ n: Int = 1) { checks += n }

    // MARK: Judging a call

    /// How a call ended, once its status and message were judged.
    enum Outcome: Equatable {
        case ok
        /// SLUICE_NO_MORE_ITEMS from an enumerator's `next`.
        case ended
        /// A failure the plugin explained (or one already reported as a breach).
        case failed(String)
    }

    /// Judges a call's status: one the function may return; on failure, a message in `err` that
    /// is NUL-terminated UTF-8, or an error raised through `fire_error` during the call.
    func judge(_ status: sluice_status, _ error: ErrorBuffer, errorsFired: Int = 0, mayEnd: Bool = false) -> Outcome {
        countCheck()
        if status == SLUICE_OK { return .ok }
        if status == SLUICE_NO_MORE_ITEMS, mayEnd { return .ended }
        let statusName = StatusName.of(status)
        guard statusName != "unknown status", status != SLUICE_NO_MORE_ITEMS else {
            breach(
                .checkStatusUnknown,
                expected: mayEnd ? "SLUICE_OK, SLUICE_NO_MORE_ITEMS or a SLUICE_E_* status (1-9)" : "SLUICE_OK or a SLUICE_E_* status (1-9)",
                actual: status == SLUICE_NO_MORE_ITEMS ? "SLUICE_NO_MORE_ITEMS, which only an enumerator's next returns" : "\(status)")
            return .failed("status \(status)")
        }
        if status == SLUICE_E_CANCELED {
            breach(
                SluiceError(.pluginCanceledUnasked, ["component": id, "function": currentStep]),
                expected: "SLUICE_E_CANCELED only after is_canceled returned 1", actual: "SLUICE_E_CANCELED while no cancel was requested")
            return .failed(statusName)
        }
        switch error.written {
        case .text(let text): return .failed("\(statusName): \(text)")
        case .empty:
            if errorsFired > 0 { return .failed("\(statusName), with the error it raised") }
            breach(
                .checkFailureUnexplained, expected: "a message in err (or an error raised with fire_error) along with \(statusName)",
                actual: "\(statusName) with an empty err and no error raised")
        case .unterminated:
            breach(.checkMessageInvalid, expected: "NUL-terminated UTF-8 within \(SLUICE_ERROR_MESSAGE_SIZE) bytes", actual: "no NUL in all \(SLUICE_ERROR_MESSAGE_SIZE) bytes")
        case .notUTF8(let offset):
            breach(.checkMessageInvalid, expected: "NUL-terminated UTF-8 within \(SLUICE_ERROR_MESSAGE_SIZE) bytes", actual: "bytes that are not UTF-8 from offset \(offset)")
        }
        return .failed(statusName)
    }

    /// A call the contract expects to succeed here: a failure the plugin explained is a breach too.
    func expectOK(_ outcome: Outcome, expected: String) -> Bool {
        guard case .failed(let reason) = outcome else { return true }
        breach(.checkCallFailed, expected: expected, actual: reason)
        return false
    }

    // MARK: The common lifecycle

    /// One live instance (its pointer may be NULL: it is the plugin's to choose).
    struct Instance {
        let raw: UnsafeMutableRawPointer?
    }

    func create() -> Instance? {
        let error = ErrorBuffer()
        var raw: UnsafeMutableRawPointer?
        let status = common.pointee.create(definition.pointer, HostServices.table, &raw, error.pointer)
        guard expectOK(judge(status, error), expected: "SLUICE_OK (create takes no configuration, so it has nothing to refuse)") else {
            return nil
        }
        return Instance(raw: raw)
    }

    /// Sets each value in declared order; false (with the breach reported) when one is refused.
    private func setProperties(_ instance: Instance, _ values: [(PropertySpec, JSONValue)]) -> Bool {
        for (spec, value) in values {
            step("set_property(\(spec.name)) to \(JSONWriter.compact(value))")
            let error = ErrorBuffer()
            let status = ValueBridge.withPropertyValue(value, as: spec.kind) { common.pointee.set_property(instance.raw, spec.name, $0, error.pointer) }
            guard expectOK(judge(status, error), expected: "SLUICE_OK for a value of the declared type") else {
                step("destroy")
                common.pointee.destroy(instance.raw)
                return false
            }
        }
        return true
    }

    /// A required property that has a default: `required` then means nothing, which is a
    /// mistake in one or the other.
    private func checkPropertyDeclarations() {
        step("its property declarations")
        for spec in descriptor.properties {
            countCheck()
            if spec.required, let value = spec.defaultValue {
                breach(
                    .checkPropertyRequiredDefault, expected: "a required property without a default, or an optional one with it",
                    actual: "\"\(spec.name)\" required, with the default \(JSONWriter.compact(value))")
            }
        }
    }

    /// Creates, sets each default and destroys the component `cycles` times: every block the
    /// plugin took from `allocate` meanwhile must be back.
    /// - Returns: false when a call failed (reported): the later checks would only repeat it.
    private func checkCreateDestroyBalance() -> Bool {
        let defaults = descriptor.properties.compactMap { spec in spec.defaultValue.map { (spec, $0) } }
        let before = AllocationLedger.snapshot
        let cycles = max(options.cycles, 1)
        for cycle in 1...cycles {
            step("create #\(cycle)")
            guard let instance = create(), setProperties(instance, defaults) else { return false }
            step("destroy #\(cycle)")
            common.pointee.destroy(instance.raw)
        }
        checkLedger(since: before, step: "\(cycles) cycles of create, set_property with each default, destroy")
        return true
    }

    private func checkLedger(since before: AllocationLedger.Snapshot, step what: String) {
        step(what)
        let after = AllocationLedger.snapshot
        countCheck(2)
        if after.live > before.live {
            breach(
                .checkAllocationLeaked, expected: "every block from allocate deallocated by destroy",
                actual: "\(after.live - before.live) block(s) still allocated")
        }
        if after.foreign > before.foreign {
            breach(
                .checkDeallocateForeign, expected: "only blocks from allocate, each deallocated once",
                actual: "\(after.foreign - before.foreign) pointer(s) allocate did not hand out (or already took back)")
        }
    }

    /// The defaults plus the `--property` values for this component; nil (with a note) when a
    /// required property has no value or a given value does not fit.
    private func configuredValues() -> [(PropertySpec, JSONValue)]? {
        let given = options.properties[id] ?? [:]
        let skipped = "validate and the \(descriptor.kind.rawValue) calls"
        for name in given.keys.sorted() where !descriptor.properties.contains(where: { $0.name == name }) {
            note(skipped, "--property names \"\(name)\", which \(id) does not declare")
            return nil
        }
        var values: [(PropertySpec, JSONValue)] = []
        for spec in descriptor.properties {
            if let text = given[spec.name] {
                guard let value = spec.kind.coerce(.string(text)) else {
                    note(skipped, "the --property value \"\(text)\" of \"\(spec.name)\" is not a valid \(spec.kind.rawValue)")
                    return nil
                }
                values.append((spec, value))
            } else if let empty = runSuppliedConnectionString(spec) {
                values.append((spec, empty))
            } else if let value = spec.defaultValue {
                values.append((spec, value))
            } else if spec.required {
                note(skipped, "the required property \"\(spec.name)\" has no default; give one with --property \(id).\(spec.name)=VALUE")
                return nil
            }
        }
        return values
    }

    /// A connection manager that declares `ConnectionString` always gets it in a run: the
    /// package's connection string, "" when it has none (its default is never used).
    private func runSuppliedConnectionString(_ spec: PropertySpec) -> JSONValue? {
        guard descriptor.kind == .connectionManager, spec.name == "ConnectionString" else { return nil }
        return spec.kind.coerce(.string(""))
    }

    /// Calls validate (when the component has one); true when it passed.
    private func validate(_ instance: Instance) -> Bool {
        guard let validate = common.pointee.validate else { return true }
        step("validate")
        let outcome = call { ctx, err in validate(instance.raw, ctx, err) }
        if case .failed(let reason) = outcome {
            note("the \(descriptor.kind.rawValue) calls", "validate refused the configuration (\(reason))")
            return false
        }
        return true
    }

    /// Makes one call with a fresh context and error buffer, and judges it.
    func call(
        mayEnd: Bool = false, emitSink: ((Int32, ArrowArrayOwner) throws -> Void)? = nil,
        _ body: (OpaquePointer, UnsafeMutablePointer<sluice_error>) -> sluice_status
    ) -> Outcome {
        let error = ErrorBuffer()
        let context = CallContext(CheckContext(component: id))
        context.emitSink = emitSink
        let status = context.withPointer { body($0, error.pointer) }
        return judge(status, error, errorsFired: context.errorsFired, mayEnd: mayEnd)
    }
}
