import SluiceCore

/// One file of an archive, inflated and checked.
struct ZipEntry {
    var name: String
    var bytes: [UInt8]
}

/// Reads a zip archive into memory, refusing anything a project archive should not hold. Reads
/// nothing but `bytes` and writes nothing; every check is a bound on what is really there, so
/// a hostile archive costs at most the limits. Linear in the archive, but for sorting entries.
struct ZipReader {
    let bytes: [UInt8]
    /// The archive's name in messages.
    let path: String
    let limits: ArchiveLimits

    /// One central directory record, its name checked.
    private struct Record {
        var name: String
        var rawName: ArraySlice<UInt8>
        var flags: UInt16
        var method: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var localHeaderOffset: Int
    }

    private var view: ByteView { ByteView(bytes: bytes) }

    func entries() throws -> [ZipEntry] {
        if bytes.count > limits.maxArchiveBytes {
            throw SluiceError(.archiveTooLarge, ["path": path, "bytes": String(bytes.count), "limit": String(limits.maxArchiveBytes)])
        }
        let end = try endRecord()
        var records = try centralDirectory(end)
        try checkDeclaredSizes(records)
        records.sort { $0.localHeaderOffset < $1.localHeaderOffset }
        var dataRanges: [Range<Int>] = []
        for record in records { dataRanges.append(try dataRange(record, directoryStart: end.directoryOffset)) }
        // Entries may not share bytes: overlapping entries are how a non-recursive zip bomb
        // multiplies one compressed kernel (Fifield, "A better zip bomb", 2019).
        for index in dataRanges.indices.dropFirst() where records[index].localHeaderOffset < dataRanges[index - 1].upperBound {
            throw corrupt("entries \"\(records[index - 1].name)\" and \"\(records[index].name)\" overlap")
        }
        var total = 0
        var entries: [ZipEntry] = []
        for (record, range) in zip(records, dataRanges) {
            let content = try inflate(record, range, totalSoFar: total)
            total += content.count
            entries.append(ZipEntry(name: record.name, bytes: content))
        }
        return entries.sorted { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
    }

    // MARK: - The end record and the central directory

    private struct EndRecord {
        var entryCount: Int
        var directoryOffset: Int
        var directorySize: Int
    }

    /// The end of central directory record: the last signature whose comment reaches exactly
    /// to the end of the file (a signature inside a comment would not).
    private func endRecord() throws -> EndRecord {
        guard bytes.count >= ZipLayout.endRecordSize else {
            throw corrupt("it is \(bytes.count) bytes, shorter than a zip's end record (empty or truncated)")
        }
        let last = bytes.count - ZipLayout.endRecordSize
        let first = max(0, last - ZipLayout.maxCommentLength)
        var found: Int?
        for offset in stride(from: last, through: first, by: -1)
        where view.u32(offset) == ZipLayout.endRecordSignature
            && view.u16(offset + 20).map({ offset + ZipLayout.endRecordSize + Int($0) == bytes.count }) == true {
            found = offset
            break
        }
        guard let at = found, let disk = view.u16(at + 4), let directoryDisk = view.u16(at + 6),
            let onDisk = view.u16(at + 8), let count = view.u16(at + 10), let size = view.u32(at + 12), let offset = view.u32(at + 16)
        else { throw corrupt("no end of central directory record (truncated, or not a zip archive)") }
        if disk != 0 || directoryDisk != 0 || onDisk != count { throw corrupt("it spans several disks") }
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw corrupt("Zip64 archives are not supported") }
        if Int(count) > limits.maxEntries {
            throw SluiceError(.archiveTooManyEntries, ["path": path, "count": String(count), "limit": String(limits.maxEntries)])
        }
        // The directory ends where the end record starts: no bytes hidden between them.
        guard Int(offset) + Int(size) == at else { throw corrupt("the central directory does not end where its end record starts") }
        return EndRecord(entryCount: Int(count), directoryOffset: Int(offset), directorySize: Int(size))
    }

    private func centralDirectory(_ end: EndRecord) throws -> [Record] {
        var records: [Record] = []
        var seen: [String: String] = [:]
        var cursor = end.directoryOffset
        let limit = end.directoryOffset + end.directorySize
        for _ in 0..<end.entryCount {
            guard cursor <= limit - ZipLayout.centralHeaderSize, view.u32(cursor) == ZipLayout.centralHeaderSignature,
                let madeBy = view.u16(cursor + 4), let flags = view.u16(cursor + 8), let method = view.u16(cursor + 10),
                let crc = view.u32(cursor + 16), let compressed = view.u32(cursor + 20), let size = view.u32(cursor + 24),
                let nameLength = view.u16(cursor + 28), let extraLength = view.u16(cursor + 30), let commentLength = view.u16(cursor + 32),
                let external = view.u32(cursor + 38), let localOffset = view.u32(cursor + 42)
            else { throw corrupt("central directory record \(records.count + 1) is damaged or cut short") }
            let nameStart = cursor + ZipLayout.centralHeaderSize
            let next = nameStart + Int(nameLength) + Int(extraLength) + Int(commentLength)
            guard next <= limit, let rawName = view.slice(nameStart, count: Int(nameLength)) else {
                throw corrupt("central directory record \(records.count + 1) runs past the directory")
            }
            let name = try EntryName.check(rawName, archive: path, limits: limits)
            let shown = ["path": path, "entry": name]
            if let kind = Self.nonRegularKind(madeBy: madeBy, external: external) {
                throw SluiceError(.archiveEntryNotRegular, shown.merging(["kind": kind]) { $1 })
            }
            if flags & ZipLayout.encryptionFlags != 0 { throw SluiceError(.archiveEntryEncrypted, shown) }
            if method != ZipLayout.methodStored && method != ZipLayout.methodDeflate {
                throw SluiceError(.archiveEntryUnsupported, shown.merging(["reason": "compression method \(method) (only 0, stored, and 8, deflate)"]) { $1 })
            }
            if compressed == 0xFFFF_FFFF || size == 0xFFFF_FFFF || localOffset == 0xFFFF_FFFF {
                throw SluiceError(.archiveEntryUnsupported, shown.merging(["reason": "Zip64 sizes are not supported"]) { $1 })
            }
            let key = EntryName.collisionKey(name)
            if let other = seen[key] { throw SluiceError(.archiveEntryDuplicate, ["path": path, "entry": name, "other": other]) }
            seen[key] = name
            records.append(Record(
                name: name, rawName: rawName, flags: flags, method: method, crc: crc, compressedSize: Int(compressed),
                size: Int(size), localHeaderOffset: Int(localOffset)))
            cursor = next
        }
        guard cursor == limit else { throw corrupt("the central directory holds more than its \(end.entryCount) records") }
        return records
    }

    /// What a Unix mode or an MS-DOS attribute says an entry is, when it is not a regular file.
    private static func nonRegularKind(madeBy: UInt16, external: UInt32) -> String? {
        if external & ZipLayout.dosDirectoryAttribute != 0 { return "a folder" }
        guard madeBy >> 8 == ZipLayout.hostUnix else { return nil }
        switch (external >> 16) & 0o170000 {
        case 0, 0o100000: return nil
        case 0o120000: return "a symbolic link"
        case 0o040000: return "a folder"
        case 0o010000: return "a FIFO"
        case 0o020000, 0o060000: return "a device"
        case 0o140000: return "a socket"
        default: return "of an unknown file type"
        }
    }

    /// The declared sizes first: cheap, and most bombs are honest about being big.
    private func checkDeclaredSizes(_ records: [Record]) throws {
        var total = 0
        for record in records {
            try checkSize(record, inflated: record.size, totalBefore: total)
            total += record.size
        }
    }

    private func checkSize(_ record: Record, inflated: Int, totalBefore: Int) throws {
        if inflated > limits.maxEntryBytes {
            throw SluiceError(.archiveEntryTooLarge, ["path": path, "entry": record.name, "limit": String(limits.maxEntryBytes)])
        }
        if inflated > ratioCap(record) {
            throw SluiceError(.archiveCompressionRatio, [
                "path": path, "entry": record.name, "limit": String(limits.maxCompressionRatio), "compressed": String(record.compressedSize),
            ])
        }
        if inflated > limits.maxTotalBytes - totalBefore {
            throw SluiceError(.archiveContentTooLarge, ["path": path, "limit": String(limits.maxTotalBytes)])
        }
    }

    /// The most an entry may inflate to by the ratio bound (sizes below 2^32 and a ratio below
    /// 2^31 cannot overflow a 64-bit product; the ratio is clamped to be sure).
    private func ratioCap(_ record: Record) -> Int {
        let (product, overflow) = max(record.compressedSize, 1).multipliedReportingOverflow(by: max(limits.maxCompressionRatio, 1))
        return overflow ? Int.max : product
    }

    // MARK: - Local headers and data

    /// Where an entry's compressed bytes are, after checking its local header agrees with the
    /// central directory. Data must lie before the directory.
    private func dataRange(_ record: Record, directoryStart: Int) throws -> Range<Int> {
        let at = record.localHeaderOffset
        guard at <= directoryStart - ZipLayout.localHeaderSize, view.u32(at) == ZipLayout.localHeaderSignature,
            let flags = view.u16(at + 6), let method = view.u16(at + 8), let crc = view.u32(at + 14),
            let compressed = view.u32(at + 18), let size = view.u32(at + 22),
            let nameLength = view.u16(at + 26), let extraLength = view.u16(at + 28)
        else { throw corrupt("the local header of \"\(record.name)\" is missing or damaged") }
        if flags & ZipLayout.encryptionFlags != 0 { throw SluiceError(.archiveEntryEncrypted, ["path": path, "entry": record.name]) }
        guard view.slice(at + ZipLayout.localHeaderSize, count: Int(nameLength)) == record.rawName, method == record.method else {
            throw corrupt("the local header of \"\(record.name)\" disagrees with the central directory")
        }
        if flags & ZipLayout.dataDescriptorFlag == 0,
            crc != record.crc || Int(compressed) != record.compressedSize || Int(size) != record.size {
            throw corrupt("the local header of \"\(record.name)\" gives other sizes or CRC than the central directory")
        }
        let start = at + ZipLayout.localHeaderSize + Int(nameLength) + Int(extraLength)
        guard start <= directoryStart - record.compressedSize else {
            throw corrupt("the data of \"\(record.name)\" runs past the end of the entries (truncated?)")
        }
        return start..<(start + record.compressedSize)
    }

    private func inflate(_ record: Record, _ range: Range<Int>, totalSoFar: Int) throws -> [UInt8] {
        let compressed = bytes[range]
        let content: [UInt8]
        if record.method == ZipLayout.methodStored {
            content = Array(compressed)
        } else {
            // Stop at the first limit the real output passes, whatever the header declared.
            let cap = min(limits.maxEntryBytes, ratioCap(record), max(0, limits.maxTotalBytes - totalSoFar))
            switch RawDeflate.inflate(compressed, cap: cap) {
            case .overCap:
                try checkSize(record, inflated: cap == Int.max ? cap : cap + 1, totalBefore: totalSoFar)
                throw corrupt("\"\(record.name)\" inflates past its limits")
            case .damaged(let reason):
                throw corrupt("the data of \"\(record.name)\" is damaged: \(reason)")
            case .complete(let output, let consumed):
                guard consumed == compressed.count else {
                    throw corrupt("the deflate stream of \"\(record.name)\" ends before its \(compressed.count) compressed bytes do")
                }
                content = output
            }
        }
        guard content.count == record.size else {
            throw corrupt("\"\(record.name)\" holds \(content.count) bytes, but the archive declares \(record.size)")
        }
        let crc = RawDeflate.crc32(content[...])
        guard crc == record.crc else {
            throw SluiceError(.archiveCRCMismatch, ["path": path, "entry": record.name, "actual": hex(crc), "expected": hex(record.crc)])
        }
        return content
    }

    private func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    private func corrupt(_ reason: String) -> SluiceError {
        SluiceError(.archiveCorrupt, ["path": path, "reason": reason])
    }
}
