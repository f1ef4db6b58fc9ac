import CSluiceABI

/// Reads the host's (borrowed) input schemas and exports output schemas the host releases.
enum FlowSchemaBridge {
    /// The most columns the SDK reads from one schema (the host's limit is lower).
    static let maxColumns = 65_536

    /// The fields of a struct schema ("+s"), copied.
    static func fields(of schema: UnsafePointer<ArrowSchema>?, input: Int) throws -> [FlowField] {
        func bad(_ why: String) -> PluginError { PluginError(.invalidArgument, "the schema of input \(input): \(why)") }
        guard let schema = schema?.pointee, schema.release != nil, let format = schema.format else {
            throw bad("NULL or released")
        }
        guard String(cString: format) == "+s" else { throw bad("format \"\(String(cString: format))\", want \"+s\"") }
        guard (0...Int64(maxColumns)).contains(schema.n_children), schema.n_children == 0 || schema.children != nil else {
            throw bad("\(schema.n_children) children")
        }
        var fields: [FlowField] = []
        for index in 0..<Int(schema.n_children) {
            guard let child = schema.children?[index]?.pointee, let childFormat = child.format else {
                throw bad("column \(index) is NULL or has no format")
            }
            let name = child.name.map { String(cString: $0) } ?? ""
            guard let type = FlowType(arrowFormat: String(cString: childFormat)) else {
                throw bad("column \"\(name)\" has format \"\(String(cString: childFormat))\", which this SDK does not read")
            }
            fields.append(FlowField(name, type, nullable: child.flags & Int64(ARROW_FLAG_NULLABLE) != 0))
        }
        return fields
    }

    /// A struct schema of `fields` that frees itself when the host releases it.
    static func export(_ fields: [FlowField]) -> ArrowSchema {
        let holder = ExportedSchema(fields)
        var schema = ArrowSchema()
        schema.format = UnsafePointer(holder.structFormat)
        schema.name = UnsafePointer(holder.emptyName)
        schema.n_children = Int64(fields.count)
        schema.children = holder.childPointers
        schema.release = releaseSchema
        schema.private_data = Unmanaged.passRetained(holder).toOpaque()
        return schema
    }
}

/// What an exported schema's `private_data` holds: its strings and child structs.
final class ExportedSchema {
    let strings: [UnsafeMutablePointer<CChar>]
    let structFormat: UnsafeMutablePointer<CChar>
    let emptyName: UnsafeMutablePointer<CChar>
    let count: Int
    let children: UnsafeMutablePointer<ArrowSchema>
    let childPointers: UnsafeMutablePointer<UnsafeMutablePointer<ArrowSchema>?>

    init(_ fields: [FlowField]) {
        var strings: [UnsafeMutablePointer<CChar>] = []
        func copy(_ text: String) -> UnsafeMutablePointer<CChar> {
            let utf8 = Array(text.utf8)
            let memory = UnsafeMutablePointer<CChar>.allocate(capacity: utf8.count + 1)
            for (index, byte) in utf8.enumerated() { memory[index] = CChar(bitPattern: byte) }
            memory[utf8.count] = 0
            strings.append(memory)
            return memory
        }
        structFormat = copy("+s")
        emptyName = copy("")
        count = fields.count
        children = .allocate(capacity: max(count, 1))
        childPointers = .allocate(capacity: max(count, 1))
        for (index, field) in fields.enumerated() {
            var child = ArrowSchema()
            child.format = UnsafePointer(copy(field.type.arrowFormat))
            child.name = UnsafePointer(copy(field.name))
            child.flags = field.nullable ? Int64(ARROW_FLAG_NULLABLE) : 0
            child.release = releaseChildSchema
            (children + index).initialize(to: child)
            childPointers[index] = children + index
        }
        self.strings = strings
    }

    deinit {
        for string in strings { string.deallocate() }
        children.deinitialize(count: count)
        children.deallocate()
        childPointers.deallocate()
    }
}

private let releaseSchema: @convention(c) (UnsafeMutablePointer<ArrowSchema>?) -> Void = { schema in
    guard let schema, schema.pointee.release != nil else { return }
    if let holder = schema.pointee.private_data { Unmanaged<ExportedSchema>.fromOpaque(holder).release() }
    schema.pointee.private_data = nil
    schema.pointee.release = nil
}

private let releaseChildSchema: @convention(c) (UnsafeMutablePointer<ArrowSchema>?) -> Void = { schema in
    schema?.pointee.release = nil
}
