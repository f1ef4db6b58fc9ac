import SluiceCore

/// What a checkpoint file says: the package it belongs to, the executables that completed, the
/// last saved value of each variable, and whether the run that wrote it succeeded.
///
/// Records are applied in file order: the union of `completed`, and for each variable the
/// value of the last record that holds it.
struct CheckpointContents: Sendable {
    /// How the end of the file looked: clean, a last record cut short (a run killed while
    /// writing it), or a damaged line with more after it (the file was harmed after writing).
    enum Damage: Sendable, Equatable {
        case tornLastRecord
        case damaged(line: Int, reason: String, ignoredLines: Int)
    }

    let packageID: String
    private(set) var completed: [String] = []
    private var completedSet: Set<String> = []
    private(set) var variables: [SavedVariable] = []
    private var variableIndex: [String: Int] = [:]
    /// The run that wrote the file succeeded but the file was not removed.
    private(set) var finished = false
    var damage: Damage?

    init(packageID: String) { self.packageID = packageID }

    var completedPaths: Set<String> { completedSet }

    mutating func complete(_ path: String) {
        if completedSet.insert(path).inserted { completed.append(path) }
    }

    mutating func save(_ v: SavedVariable) {
        let key = v.scope + "\u{0}" + v.name
        if let i = variableIndex[key] {
            variables[i] = v
        } else {
            variableIndex[key] = variables.count
            variables.append(v)
        }
    }

    /// Applies one progress record: `{"completed": [...], "variables": [...]}` or `{"finished": true}`.
    mutating func apply(_ record: JSONValue) throws(CheckpointFormatError) {
        guard let o = record.objectValue else { throw CheckpointFormatError("a record is not a JSON object") }
        for key in o.keys where !["completed", "variables", "finished"].contains(key) {
            throw CheckpointFormatError("unknown record field \"\(key)\"")
        }
        if let list = o["completed"] {
            guard let paths = list.arrayValue else { throw CheckpointFormatError("\"completed\" is not a list") }
            for p in paths {
                guard let path = p.stringValue else { throw CheckpointFormatError("\"completed\" holds a \(p.typeName)") }
                complete(path)
            }
        }
        if let list = o["variables"] {
            guard let items = list.arrayValue else { throw CheckpointFormatError("\"variables\" is not a list") }
            for item in items { save(try SavedVariable(json: item)) }
        }
        if let f = o["finished"] {
            guard f.boolValue == true else { throw CheckpointFormatError("\"finished\" is not true") }
            finished = true
        }
    }

    /// The whole state as one record: what a restarted run writes first (compaction).
    var compactRecord: JSONValue {
        .object(JSONObject([
            ("completed", .array(completed.map(JSONValue.string))), ("variables", .array(variables.map(\.json))),
        ]))
    }
}
