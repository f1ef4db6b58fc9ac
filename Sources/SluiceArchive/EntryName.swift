import SluiceCore

/// The rules an entry name must pass before anything else is looked at: a project archive holds
/// plain file names at its root, nothing a file system could read as a path out of a folder.
enum EntryName {
    /// The name as a String, or the coded refusal. `archive` names the archive in the message.
    static func check(_ raw: ArraySlice<UInt8>, archive: String, limits: ArchiveLimits) throws -> String {
        let shown = printable(raw)
        func refuse(_ message: SluiceMessage, _ reason: String? = nil) -> SluiceError {
            var inserts = ["path": archive, "entry": shown]
            if let reason { inserts["reason"] = reason }
            return SluiceError(message, inserts)
        }
        if raw.isEmpty { throw refuse(.archiveEntryNameInvalid, "it is empty") }
        if raw.count > limits.maxNameBytes {
            throw refuse(.archiveEntryNameInvalid, "it is \(raw.count) bytes long, above the limit of \(limits.maxNameBytes)")
        }
        if raw.contains(where: { $0 < 0x20 || $0 == 0x7F }) {
            throw refuse(.archiveEntryNameInvalid, "it holds a control character (NUL included)")
        }
        guard let name = String(validating: raw, as: UTF8.self) else {
            throw refuse(.archiveEntryNameInvalid, "it is not valid UTF-8")
        }
        // A backslash is a folder separator to Windows tools and to some unzip programs.
        if name.contains("\\") { throw refuse(.archiveEntryNameInvalid, "it holds a backslash") }
        if name.hasPrefix("/") { throw refuse(.archiveEntryPathAbsolute) }
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains("..") { throw refuse(.archiveEntryPathTraversal) }
        if name.hasSuffix("/") { throw SluiceError(.archiveEntryNotRegular, ["path": archive, "entry": shown, "kind": "a folder"]) }
        if parts.count > 1 { throw refuse(.archiveEntryInFolder) }
        if name.hasPrefix(".") { throw refuse(.archiveEntryNameInvalid, "a name starting with \".\" is hidden, or the folder itself") }
        return name
    }

    /// The name for a message: printable ASCII and valid UTF-8 as they are, anything else as \xNN,
    /// so a hostile name cannot write control sequences to a terminal or a log.
    static func printable(_ raw: ArraySlice<UInt8>) -> String {
        if let text = String(validating: raw, as: UTF8.self), !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return text
        }
        return raw.map { (0x20..<0x7F).contains($0) ? String(UnicodeScalar($0)) : "\\x" + hex($0) }.joined()
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }

    /// The key two names collide on: letter case folded. String equality is Unicode canonical
    /// equivalence, so "é" composed and decomposed are one key too.
    static func collisionKey(_ name: String) -> String { name.lowercased() }
}
