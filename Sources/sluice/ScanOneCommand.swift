#if canImport(Glibc)
    import Glibc
#endif
import SluicePluginHost
import SluiceRegistry

/// `sluice plugins scan-one PATH`: the plugin scanner child (hidden: discovery starts it, people
/// do not). It loads one library and writes what it learnt as one JSON document on standard
/// output (see docs/architecture.md, "Discovery").
enum ScanOneCommand {
    /// The library's path when the arguments ask for the scanner mode, exactly.
    static func requestedPath(_ arguments: [String]) -> String? {
        arguments.count == 4 && arguments[1] == "plugins" && arguments[2] == "scan-one" ? arguments[3] : nil
    }

    /// Scans and exits: 0 when the report was written (a rejection is a report too), 1 when not.
    static func run(_ path: String) -> Never {
        // The report goes to a private copy of standard output; whatever the plugin prints
        // (to standard output included) goes to standard error and cannot corrupt it.
        // Close-on-exec: a process the plugin starts must not hold the report open.
        let report = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3)
        guard report >= 0, dup2(STDERR_FILENO, STDOUT_FILENO) >= 0 else { exit(1) }
        var bytes = Array(ScannerMode.report(scanning: path).utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(report, $0.baseAddress, $0.count) }
            if written < 0, errno == EINTR { continue }
            guard written > 0 else { exit(1) }
            bytes = bytes.dropFirst(written)
        }
        exit(0)
    }
}
