import Foundation

// The creation and version fields of a package file: flat keys named after SSIS's package
// properties (DTS:CreationDate, DTS:VersionBuild, …), each left out at its default.

extension PackageDecoder {
    static func decodeMetadata(_ r: inout FieldReader) throws -> PackageMetadata {
        var m = PackageMetadata()
        let int32 = Int(Int32.min)...Int(Int32.max)  // SSIS types the version numbers Int32
        if let text = try r.optionalString("creationDate") {
            guard case .date(let d)? = try? Value.parse(text, as: .date) else {
                throw FieldReader.invalid(r.location("creationDate"), "\"\(text)\" is not a date (write it as 2024-01-31T10:00:00)")
            }
            m.creationDate = d
        }
        m.creatorName = try r.optionalString("creatorName") ?? ""
        m.creatorComputerName = try r.optionalString("creatorComputerName") ?? ""
        m.versionMajor = try r.int("versionMajor", default: 1, in: int32)
        m.versionMinor = try r.int("versionMinor", default: 0, in: int32)
        m.versionBuild = try r.int("versionBuild", default: 0, in: int32)
        if try r.optionalString("versionGUID") != nil { m.versionID = try uuid(&r, "versionGUID") }
        m.versionComment = try r.optionalString("versionComment") ?? ""
        return m
    }
}

extension PackageEncoder {
    static func encodeMetadata(_ m: PackageMetadata, into o: inout JSONObject) {
        if let d = m.creationDate { o["creationDate"] = .string(Value.date(d).description) }
        if !m.creatorName.isEmpty { o["creatorName"] = .string(m.creatorName) }
        if !m.creatorComputerName.isEmpty { o["creatorComputerName"] = .string(m.creatorComputerName) }
        if m.versionMajor != 1 { o["versionMajor"] = .int(Int64(m.versionMajor)) }
        if m.versionMinor != 0 { o["versionMinor"] = .int(Int64(m.versionMinor)) }
        if m.versionBuild != 0 { o["versionBuild"] = .int(Int64(m.versionBuild)) }
        if let id = m.versionID { o["versionGUID"] = .string(id.uuidString) }
        if !m.versionComment.isEmpty { o["versionComment"] = .string(m.versionComment) }
    }
}
