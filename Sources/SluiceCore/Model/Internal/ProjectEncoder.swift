/// Turns a project into the JSON of its file, keys in a fixed order, defaults left out.
enum ProjectEncoder {
    static func encodeFile(_ project: Project) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(project.name)
        o["id"] = .string(project.id.uuidString)
        if !project.description.isEmpty { o["description"] = .string(project.description) }
        if !project.parameters.isEmpty { o["parameters"] = .array(project.parameters.map(PackageEncoder.encodeParameter)) }
        if !project.connections.isEmpty { o["connections"] = .array(project.connections.map(PackageEncoder.encodeConnection)) }
        if !project.packages.isEmpty { o["packages"] = .array(project.packages.map(JSONValue.string)) }
        return .object(JSONObject([
            ("format", .string(ProjectFile.format)),
            ("formatVersion", .int(ProjectFile.formatVersion)),
            ("project", .object(o)),
        ]))
    }
}
