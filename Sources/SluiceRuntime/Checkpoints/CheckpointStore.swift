import Foundation
import SluiceCore

/// Restart after failure (SSIS checkpoints): records the executables that completed and the
/// package's variables; a restarted run skips what completed and gets its variables back.
/// The file is deleted when the package succeeds.
///
/// Granularity is SSIS's: tasks and containers are recorded, except anything inside a loop
/// (a loop reruns as a whole) and event handlers. Object variables are not saved.
final class CheckpointStore: @unchecked Sendable {
    static let format = "sluice.checkpoint"

    let settings: CheckpointSettings
    private let packageID: UUID
    private let lock = NSLock()
    private var restored: Set<String> = []
    private var completed: [String] = []

    /// Reads the checkpoint file when the usage says so.
    /// - Throws: `SLUICE_E_CHECKPOINT_MISSING` (usage Always, no file), `SLUICE_E_CHECKPOINT_INVALID`.
    init(_ settings: CheckpointSettings, package: Package, restore scope: VariableScope) throws {
        self.settings = settings
        packageID = package.id
        let exists = FileManager.default.fileExists(atPath: settings.fileName)
        if settings.usage == .always && !exists { throw SluiceError(.checkpointMissing, ["path": settings.fileName]) }
        guard settings.usage != .never, exists else { return }
        let invalid = { (reason: String) in SluiceError(.checkpointInvalid, ["path": settings.fileName, "reason": reason]) }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: settings.fileName)) } catch { throw invalid(error.localizedDescription) }
        guard case .object(let o) = try JSONParser.parse(Array(data)), o["format"]?.stringValue == Self.format else {
            throw invalid("it is not a Sluice checkpoint file")
        }
        guard o["packageId"]?.stringValue == package.id.uuidString else {
            throw invalid("it belongs to another package (id \(o["packageId"]?.stringValue ?? "?"))")
        }
        restored = Set(o["completed"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        completed = Array(restored)
        for item in o["variables"]?.arrayValue ?? [] {
            guard let v = item.objectValue, let name = v["name"]?.stringValue, let text = v["value"]?.stringValue,
                let type = v["type"]?.stringValue.flatMap(DataType.init(rawValue:))
            else { throw invalid("a saved variable is malformed") }
            try scope.write(name, try Value.parse(text, as: type))
        }
    }

    /// Whether `path` completed in the run being restarted.
    func completedBefore(_ path: String) -> Bool {
        lock.lock()
        defer { lock.unlock() }
        return restored.contains(path)
    }

    /// Records a successful executable and saves the file (atomically).
    func record(_ node: ExecutableNode, variables: [String: TypedValue]) {
        guard settings.save, !node.isHandler, node.parent != nil, !Self.isInsideLoop(node) else { return }
        lock.lock()
        defer { lock.unlock() }
        completed.append(node.path)
        var saved: [JSONValue] = []
        for (name, v) in variables.sorted(by: { $0.key < $1.key }) where !name.hasPrefix("System::") {
            if case .object = v.value { continue }
            if v.value.isNull { continue }
            saved.append(.object(JSONObject([("name", .string(name)), ("type", .string(v.type.rawValue)), ("value", .string(v.value.description))])))
        }
        let file = JSONObject([
            ("format", .string(Self.format)), ("formatVersion", 1), ("packageId", .string(packageID.uuidString)),
            ("completed", .array(completed.map(JSONValue.string))), ("variables", .array(saved)),
        ])
        try? Data(JSONWriter.write(.object(file)).utf8).write(to: URL(fileURLWithPath: settings.fileName), options: .atomic)
    }

    /// After the run: a successful package needs no restart, so its checkpoint goes.
    func finish(_ result: ExecutionResult) {
        if result == .success { try? FileManager.default.removeItem(atPath: settings.fileName) }
    }

    private static func isInsideLoop(_ node: ExecutableNode) -> Bool {
        var n = node.parent
        while let current = n {
            if current.loop != nil { return true }
            n = current.parent
        }
        return false
    }
}
