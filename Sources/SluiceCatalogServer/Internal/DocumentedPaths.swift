import HTTPTypes

/// The paths of the API document and the methods each takes, read once from the embedded
/// document: a request for a documented path with another method is answered 405 with `Allow`
/// (RFC 9110 §15.5.6), not 404, as the document's own paths say it exists.
struct DocumentedPaths: Sendable {
    struct Path: Sendable {
        /// The template's segments; nil stands for a `{parameter}`.
        var segments: [String?]
        var methods: [String]
    }

    let paths: [Path]

    static let catalog = DocumentedPaths(document: catalogOpenAPIDocument)

    /// Reads the `paths:` section line by line: a path is a two-space-indented key starting with
    /// `/`, its methods the four-space-indented keys below it.
    init(document: String) {
        let methodNames: Set<String> = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]
        var paths: [Path] = []
        var inPaths = false
        for line in document.split(separator: "\n", omittingEmptySubsequences: false) {
            if !line.hasPrefix(" ") && !line.isEmpty {
                inPaths = line == "paths:"
                continue
            }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                let template = line.dropFirst(2).dropLast()
                let segments = template.split(separator: "/").map { $0.hasPrefix("{") ? nil : String($0) }
                paths.append(Path(segments: segments, methods: []))
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), line.hasSuffix(":"), !paths.isEmpty {
                let key = String(line.dropFirst(4).dropLast())
                if methodNames.contains(key) { paths[paths.count - 1].methods.append(key.uppercased()) }
            }
        }
        self.paths = paths
    }

    /// The methods the documented path matching `path` takes; nil when no documented path matches.
    func methods(forPath path: String) -> [String]? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        for candidate in paths where candidate.segments.count == segments.count {
            let matches = zip(candidate.segments, segments).allSatisfy { template, segment in template.map { $0 == segment } ?? true }
            if matches { return candidate.methods }
        }
        return nil
    }
}
