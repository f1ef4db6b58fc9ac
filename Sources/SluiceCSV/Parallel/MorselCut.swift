import Glibc

/// Thrown inside a worker when a morsel's row outgrows the speculative buffer limit: the morsel
/// may have started inside a quoted field, so it is parsed again once its true start is known.
struct SpeculationAbandoned: Error {}

extension CSVReader {
    /// How far past a nominal cut the probe looks for a row start.
    static let cutProbeBytes = 256 << 10
    /// How many lines after a candidate start must have the declared field count.
    static let cutProbeLines = 8

    /// A likely row start at or after file offset `nominal` (polars' way): the first line start
    /// whose next few complete lines each split, quote-aware, into the declared number of fields
    /// (empty lines allowed). Only a guess: a quoted field may hold lines that look like rows.
    /// ``ParallelCSVReader`` checks every guess against where the previous morsel really ended
    /// and parses a morsel again from there when the guess was wrong.
    ///
    /// Returns `nominal` itself when the byte before it is a newline; a point past the probe
    /// window when no newline is in it (then the check fails and the morsel is parsed again).
    func likelyRowStart(near nominal: Int) -> Int {
        guard nominal > 0 else { return 0 }
        let window = Self.cutProbeBytes
        let probe = UnsafeMutablePointer<UInt8>.allocate(capacity: window)
        defer { probe.deallocate() }
        var got = 0
        while got < window {
            let n = pread(fd, probe + got, window - got, off_t(nominal - 1 + got))
            if n < 0, errno == EINTR { continue }
            if n <= 0 { break }
            got += n
        }
        let atEOF = got < window
        var firstCandidate: Int?
        var i = 0
        while i < got {
            if probe[i] == 10 {
                let candidate = i + 1
                if firstCandidate == nil { firstCandidate = candidate }
                if linesLookLikeRows(probe, from: candidate, to: got, atEOF: atEOF) { return nominal - 1 + candidate }
            }
            i += 1
        }
        return nominal - 1 + (firstCandidate ?? got + 1)
    }

    /// Whether the complete lines from `start` (up to ``cutProbeLines``) each have the declared
    /// field count, reading quotes as if `start` were outside any. An incomplete last line is
    /// not judged, unless the file ends there.
    private func linesLookLikeRows(_ p: UnsafePointer<UInt8>, from start: Int, to end: Int, atEOF: Bool) -> Bool {
        let delimiter = options.delimiter
        let qualifier = options.textQualifier
        var fields = 1, lines = 0, lineLength = 0
        var inside = false
        var i = start
        while i < end, lines < Self.cutProbeLines {
            let c = p[i]
            i += 1
            if c == qualifier {
                inside.toggle()
            } else if c == 13, !inside {
                continue  // CRLF: the CR is not text
            } else if !inside {
                if c == delimiter {
                    fields += 1
                } else if c == 10 {
                    if lineLength > 0 || fields > 1 {  // an empty line is no evidence
                        guard fields == columns.count else { return false }
                        lines += 1
                    }
                    fields = 1
                    lineLength = 0
                    continue
                }
            }
            lineLength += 1
        }
        if i >= end, atEOF, lineLength > 0 {  // a last row without a newline
            guard !inside, fields == columns.count else { return false }
            lines += 1
        }
        return lines > 0 || (atEOF && i >= end)
    }
}
