/// Writes a zip archive whose bytes depend only on the files given: entries sorted by name,
/// one fixed timestamp, the same attributes for every entry, no extra fields or comments.
enum ZipWriter {
    struct File {
        var name: String
        var bytes: [UInt8]
    }

    /// The archive. Each file is deflated, or stored when deflating does not shrink it or would
    /// pass `maxRatio` (so the reader's ratio bound never refuses the writer's own archive).
    /// Sizes and offsets must fit 32 bits: the caller keeps files within ``ArchiveLimits``.
    static func archive(_ files: [File], maxRatio: Int) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        let sorted = files.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        for file in sorted {
            let offset = UInt32(truncatingIfNeeded: out.count)
            let name = Array(file.name.utf8)
            var method = ZipLayout.methodStored
            var data = file.bytes
            if let deflated = RawDeflate.deflate(file.bytes), deflated.count < file.bytes.count,
                file.bytes.count <= max(deflated.count, 1) * maxRatio {
                method = ZipLayout.methodDeflate
                data = deflated
            }
            let crc = RawDeflate.crc32(file.bytes[...])
            // The fields local header and central record share (APPNOTE 4.3.7, 4.3.12).
            var common: [UInt8] = []
            common.appendLittleEndian(ZipLayout.versionNeeded)
            common.appendLittleEndian(ZipLayout.utf8NameFlag)
            common.appendLittleEndian(method)
            common.appendLittleEndian(ZipLayout.fixedDOSTime)
            common.appendLittleEndian(ZipLayout.fixedDOSDate)
            common.appendLittleEndian(crc)
            common.appendLittleEndian(UInt32(truncatingIfNeeded: data.count))
            common.appendLittleEndian(UInt32(truncatingIfNeeded: file.bytes.count))
            common.appendLittleEndian(UInt16(truncatingIfNeeded: name.count))
            common.appendLittleEndian(UInt16(0))  // extra field length

            out.appendLittleEndian(ZipLayout.localHeaderSignature)
            out += common + name + data

            directory.appendLittleEndian(ZipLayout.centralHeaderSignature)
            directory.appendLittleEndian(ZipLayout.hostUnix << 8 | ZipLayout.versionNeeded)
            directory += common
            directory.appendLittleEndian(UInt16(0))  // comment length
            directory.appendLittleEndian(UInt16(0))  // disk number start
            directory.appendLittleEndian(UInt16(0))  // internal attributes
            directory.appendLittleEndian(ZipLayout.regularFileAttributes)
            directory.appendLittleEndian(offset)
            directory += name
        }
        let directoryOffset = UInt32(truncatingIfNeeded: out.count)
        out += directory
        out.appendLittleEndian(ZipLayout.endRecordSignature)
        out.appendLittleEndian(UInt16(0))  // this disk
        out.appendLittleEndian(UInt16(0))  // the directory's disk
        out.appendLittleEndian(UInt16(truncatingIfNeeded: sorted.count))
        out.appendLittleEndian(UInt16(truncatingIfNeeded: sorted.count))
        out.appendLittleEndian(UInt32(truncatingIfNeeded: directory.count))
        out.appendLittleEndian(directoryOffset)
        out.appendLittleEndian(UInt16(0))  // comment length
        return out
    }
}
