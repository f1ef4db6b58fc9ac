import Foundation
import SluiceCore
import SluiceRegistry

/// The items a Foreach Loop walks over, one row of values at a time.
struct ForeachItems {
    private let nextItem: () throws -> [Value]?
    private let onFinish: () -> Void

    mutating func next() throws -> [Value]? { try nextItem() }
    func finish() { onFinish() }

    private init(_ next: @escaping () throws -> [Value]?, finish: @escaping () -> Void = {}) {
        nextItem = next
        onFinish = finish
    }

    private static func list(_ rows: [[Value]]) -> ForeachItems {
        var iterator = rows.makeIterator()
        return ForeachItems({ iterator.next() })
    }

    static func make(
        _ enumerator: ForeachEnumerator, capacity: Int, context: ExecutionContext, run: Run, node: ExecutableNode
    ) throws -> ForeachItems {
        switch enumerator {
        case .items(let rows):
            return list(rows.map { $0.map(\.foreachValue) })
        case .files(let folder, let pattern, let recursive, let retrieve, let caseSensitive):
            let walk = FolderWalk(
                folder: folder, pattern: FileNamePattern(pattern, caseSensitive: caseSensitive), recursive: recursive,
                executable: node.model.name)
            return list(try walk.files().map { [.string(name($0, retrieve))] })
        case .variable(let name):
            return list(try rows(of: try context.variable(name), name: name))
        case .plugin(let component, let properties):
            let enumerator = try run.registry.makeEnumerator(component, properties: properties, owner: node.model.name)
            try enumerator.validate(in: context)
            try enumerator.begin(in: context)
            return ForeachItems({ try enumerator.next(in: context, capacity: capacity) }, finish: { enumerator.end() })
        }
    }

    private static func name(_ path: String, _ format: ForeachEnumerator.FileNameFormat) -> String {
        let url = URL(fileURLWithPath: path)
        switch format {
        case .fullPath: return path
        case .nameAndExtension: return url.lastPathComponent
        case .nameOnly: return url.deletingPathExtension().lastPathComponent
        }
    }

    /// The rows of an object variable: a ``RowSet``, a list of rows, or a list of single values.
    private static func rows(of typed: TypedValue, name: String) throws -> [[Value]] {
        guard case .object(let object) = typed.value else {
            throw SluiceError(.typeMismatch, [
                "value": "\(name) (\(typed.type.rawValue))", "type": "a row set",
                "reason": "the variable enumerator walks an object variable holding rows",
            ])
        }
        switch object.payload {
        case let set as RowSet: return set.rows
        case let rows as [[Value]]: return rows
        case let values as [Value]: return values.map { [$0] }
        default:
            throw SluiceError(.typeMismatch, ["value": object.description, "type": "a row set", "reason": "the object holds no rows"])
        }
    }
}

extension JSONValue {
    /// A value of an item list in a package file: a scalar as itself, an array or object as a
    /// `DT_OBJECT` value holding the JSON (which no other type converts from).
    var foreachValue: Value {
        switch self {
        case .null: .null
        case .array, .object: .object(ObjectValue(self, description: JSONWriter.compact(self)))
        case .bool(let b): .bool(b)
        case .int(let i): .int(i)
        case .double(let d): .real(d)
        // As text, which the mapped variable's type then reads exactly (a DT_NUMERIC keeps
        // every digit); a Double would round first.
        case .number(let n): .string(n.text)
        case .string(let s): .string(s)
        }
    }
}
