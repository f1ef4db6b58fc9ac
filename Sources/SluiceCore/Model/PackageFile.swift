import Foundation

/// Loads and saves packages as JSON files.
///
/// The file starts with a header, `"format": "sluice.package"` and `"formatVersion": 1`, and
/// keys are always written in the same order, defaults left out, so a saved package diffs
/// cleanly and load-then-save gives the same bytes. The schema is `schema/package.schema.json`.
///
/// ```swift
/// let package = try PackageFile.load(from: "etl.sluice.json")
/// try PackageFile.save(package, to: "copy.sluice.json")
/// ```
public enum PackageFile {
    public static let format = "sluice.package"
    public static let formatVersion: Int64 = 1

    /// Loads a package file.
    /// - Throws: `SLUICE_E_PACKAGE_NOT_FOUND` only when the path does not exist (ENOENT);
    ///   `SLUICE_E_PACKAGE_UNREADABLE` with the reason for everything else (a directory, a FIFO
    ///   or device, permission denied); `SLUICE_E_JSON_MALFORMED`, `SLUICE_E_FORMAT_UNKNOWN`,
    ///   `SLUICE_E_FORMAT_VERSION_UNSUPPORTED`, `SLUICE_E_PACKAGE_FIELD_INVALID`.
    public static func load(from path: String) throws -> Package {
        let bytes: [UInt8]
        do {
            bytes = try RegularFile.contents(of: path)
        } catch .notFound {
            throw SluiceError(.packageNotFound, ["path": path])
        } catch .unreadable(let reason) {
            throw SluiceError(.packageUnreadable, ["path": path, "reason": reason])
        }
        return try decode(bytes)
    }

    /// Decodes a package from the bytes of a package file.
    public static func decode(_ bytes: [UInt8]) throws -> Package {
        try PackageDecoder.decodeFile(try JSONParser.parse(bytes))
    }

    /// The text of the package file for `package`.
    public static func encode(_ package: Package) -> String {
        JSONWriter.write(PackageEncoder.encodeFile(package))
    }

    /// Saves a package file (atomically: a crash never leaves half a file).
    public static func save(_ package: Package, to path: String) throws {
        do {
            try Data(encode(package).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw SluiceError(.packageUnwritable, ["path": path, "reason": error.localizedDescription], cause: error)
        }
    }
}
