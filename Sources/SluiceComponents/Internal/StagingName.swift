#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary names the File System task uses beside a destination, so that a destination
/// name only ever holds a complete item:
///
/// - `.<name>.sluice-new-<8 hex>`: a copy being made; renamed to `<name>` once complete;
/// - `.<name>.sluice-old-<8 hex>`: a replaced directory set aside, removed once the new one is
///   in place.
///
/// Both sit in the destination's own directory (one file system, so rename(2) can move them).
/// A run killed midway can leave either behind; nothing else.
enum StagingName {
    enum Role: String {
        case new, old
    }

    /// A fresh temporary name for `target` (a path whose directory is resolved).
    static func beside(_ target: String, _ role: Role) -> String {
        let directory = RealPath.parent(of: target)
        let tag = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        let padded = String(repeating: "0", count: 8 - tag.count) + tag
        let name = ".\(shortened(RealPath.lastComponent(of: target))).sluice-\(role.rawValue)-\(padded)"
        return directory == "/" ? "/" + name : directory + "/" + name
    }

    /// At most 128 bytes of the name, cut at a character boundary: a name near NAME_MAX (255
    /// bytes) must still leave room for the prefix and suffix.
    private static func shortened(_ name: Substring) -> Substring {
        var bytes = 0
        var end = name.startIndex
        for character in name {
            bytes += character.utf8.count
            if bytes > 128 { break }
            end = name.index(after: end)
        }
        return name[..<end]
    }
}

/// A failed system call on one path, with the reason errno gave.
struct SystemCallFailed: Error, CustomStringConvertible {
    var call: String
    var path: String
    var code: Int32

    init(call: String, path: String, code: Int32 = errno) {
        self.call = call
        self.path = path
        self.code = code
    }

    var description: String { "\(call) \"\(path)\": \(String(cString: strerror(code)))" }
}
