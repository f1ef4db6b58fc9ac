import Foundation
import SluiceCore

/// The child side of discovery: what `sluice plugins scan-one PATH` does.
///
/// It opens the library in this (throw-away) process, checks the descriptor, runs `init`, and
/// returns the verdict as one JSON document (``ScanDocument``). If the library crashes or hangs
/// here, only the child dies; the parent records the signal or the timeout.
public enum ScannerMode {
    /// Scans the library at `path` in this process and returns the report, one line of JSON.
    public static func report(scanning path: String) -> String {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let (outcome, _) = PluginLoader.scanInProcess(resolved)
        return JSONWriter.compact(.object(ScanDocument.encode(outcome))) + "\n"
    }
}
