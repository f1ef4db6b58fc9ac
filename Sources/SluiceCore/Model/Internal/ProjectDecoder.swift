/// Reads the JSON of a project file into a ``Project``. Parameters and connection managers are
/// read by the package decoder, so the two files cannot disagree on them; its field errors are
/// re-coded as project errors.
enum ProjectDecoder {
    static func decodeFile(_ json: JSONValue) throws -> Project {
        guard case .object(let top) = json else {
            throw SluiceError(.projectFormatUnknown, ["found": "a document that is \(json.typeName)", "version": "missing"])
        }
        let format = top["format"], version = top["formatVersion"]
        guard format?.stringValue == ProjectFile.format, version?.intValue == ProjectFile.formatVersion else {
            throw SluiceError(.projectFormatUnknown, [
                "found": format.map(JSONWriter.compact) ?? "missing", "version": version.map(JSONWriter.compact) ?? "missing",
            ])
        }
        do {
            var r = try FieldReader(json, at: .root("$"))
            _ = r.raw("format")
            _ = r.raw("formatVersion")
            guard let body = r.raw("project") else { throw FieldReader.invalid("$.project", "missing required field") }
            try r.finish()
            let project = try decodeProject(body, at: .root("project"))
            try checkNames(project)
            return project
        } catch let error as SluiceError where error.message == .packageFieldInvalid {
            throw SluiceError(.projectFieldInvalid, error.inserts)
        }
    }

    private static func decodeProject(_ json: JSONValue, at path: FieldLocation) throws -> Project {
        var r = try FieldReader(json, at: path)
        var project = Project(name: try r.string("name"))
        project.id = try PackageDecoder.uuid(&r, "id")
        project.description = try r.optionalString("description") ?? ""
        project.parameters = try r.array("parameters", PackageDecoder.decodeParameter)
        project.connections = try r.array("connections", PackageDecoder.decodeConnection)
        project.packages = try r.array("packages") { value, location in
            guard let file = value.stringValue else { throw FieldReader.invalid(location, "expected a file name, found \(value.typeName)") }
            guard isPlainPackageFileName(file) else {
                throw SluiceError(.projectPackagePathInvalid, ["location": location.description, "path": file])
            }
            return file
        }
        try r.finish()
        return project
    }

    /// A file name in the project folder: no folder part, no `..`, not hidden, ending in
    /// `.sluice.json` with a name before it. A project never reaches outside its folder.
    static func isPlainPackageFileName(_ file: String) -> Bool {
        file.count > Project.packageSuffix.count && file.hasSuffix(Project.packageSuffix) && !file.hasPrefix(".")
            && !file.contains("/") && !file.contains("\\") && !file.contains("\0")
    }

    /// Parameter, connection and package names are each unique (SSIS: one namespace per kind).
    private static func checkNames(_ project: Project) throws {
        let lists: [(String, [String])] = [
            ("parameter", project.parameters.map(\.name)), ("connection manager", project.connections.map(\.name)),
            ("package", project.packageNames),
        ]
        for (kind, names) in lists {
            var seen = Set<String>()
            for name in names where !seen.insert(name).inserted {
                throw SluiceError(.projectDuplicateName, ["kind": kind, "name": name])
            }
        }
        // `--package X` takes a file name or a package name: one may not be the other's.
        let files = Set(project.packages)
        for name in project.packageNames where files.contains(name) {
            throw SluiceError(.projectDuplicateName, ["kind": "package file and package", "name": name])
        }
    }
}
