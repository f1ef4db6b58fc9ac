import SluiceCore

/// The files a run is known to use before it starts, each with how the run uses it: the
/// package file, the log providers' files, the connection managers' connection strings and
/// every text a task property holds (a child package, a file to copy, a program to start).
/// A checkpoint may be none of them. Property expressions and variable values are only known
/// as the run goes, and are not included.
struct FilesInUse {
    private(set) var items: [(what: String, path: String)] = []
    private var seen: Set<String> = []

    init(package: Package, options: RunOptions) {
        if let file = options.packageFile { add("the package file", file) }
        for p in package.logProviders { add("the log file of log provider \"\(p.name)\"", p.path) }
        for c in package.connections {
            add("the connection string of connection manager \"\(c.name)\"", options.connectionStrings[c.name] ?? c.connectionString)
        }
        // Depth first with an explicit stack: nesting depth comes from the package file.
        var stack: [(Executable, String)] = [(package.root, "\\Package")]
        while let (e, path) = stack.popLast() {
            for (name, value) in e.properties.entries {
                let what = "named by property \"\(name)\" of \"\(path)\""
                if case .string(let s) = value { add(what, s) }
                for item in value.arrayValue ?? [] { if case .string(let s) = item { add(what, s) } }
            }
            for child in e.executables.reversed() { stack.append((child, path + "\\" + child.name)) }
            for h in e.eventHandlers { stack.append((h.container, path + ".EventHandlers[\(h.event.rawValue)]")) }
        }
    }

    private mutating func add(_ what: String, _ path: String) {
        guard !path.isEmpty, seen.insert(path).inserted else { return }
        items.append((what, path))
    }
}
