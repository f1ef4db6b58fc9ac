// sluice-csv-bench: times SluiceCSV reading a lineitem-like CSV and writing it back.
//
//     swift build -c release --product sluice-csv-bench --scratch-path .build-bench
//     .build-bench/release/sluice-csv-bench generate lineitem.csv 1000000
//     .build-bench/release/sluice-csv-bench read lineitem.csv
//     .build-bench/release/sluice-csv-bench copy lineitem.csv out.csv
//     .build-bench/release/sluice-csv-bench read lineitem.csv 2     (ParallelCSVReader, 2 workers)
//     .build-bench/release/sluice-csv-bench copy lineitem.csv out.csv 2   (parallel reader and writer)
//
// WORKERS 0 (the default) is the single-thread CSVReader/CSVWriter. Each line ends with the
// process's peak RSS.
// scripts/csv-bench.sh runs all three. MB/s = 10^6 bytes of input CSV per second of wall time.
// Nothing here asserts a time.
import Foundation
import SluiceCSV
import SluiceCore

/// TPC-H lineitem's columns, typed as polars reads them (prices as Double).
let lineitem: [CSVColumn] = [
    CSVColumn("l_orderkey", .i8), CSVColumn("l_partkey", .i8), CSVColumn("l_suppkey", .i8), CSVColumn("l_linenumber", .i4),
    CSVColumn("l_quantity", .r8), CSVColumn("l_extendedprice", .r8), CSVColumn("l_discount", .r8), CSVColumn("l_tax", .r8),
    CSVColumn("l_returnflag", .str), CSVColumn("l_linestatus", .str), CSVColumn("l_shipdate", .dbDate),
    CSVColumn("l_commitdate", .dbDate), CSVColumn("l_receiptdate", .dbDate), CSVColumn("l_shipinstruct", .str),
    CSVColumn("l_shipmode", .str), CSVColumn("l_comment", .str),
]

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func fileSize(_ path: String) -> Double {
    var s = stat()
    return stat(path, &s) == 0 ? Double(s.st_size) : 0
}

func fail(_ text: String) -> Never {
    FileHandle.standardError.write(Data("sluice-csv-bench: \(text)\n".utf8))
    exit(2)
}

/// A deterministic lineitem-like file: dbgen's shapes (keys, 2-decimal prices, dates in
/// 1992-1998, short flags, comments of words of which ~10 % hold a comma and are quoted).
func generate(_ path: String, rows: Int) throws {
    var rng = UInt64(0x9E37_79B9_7F4A_7C15)
    func next(_ n: Int) -> Int {
        rng ^= rng << 13
        rng ^= rng >> 7
        rng ^= rng << 17
        return Int(rng % UInt64(n))
    }
    let words = ["carefully", "final", "deposits", "furiously", "regular", "ironic", "packages", "slyly", "express",
                 "accounts", "blithely", "pending", "requests", "quickly", "bold", "theodolites", "even", "foxes"]
    let instructs = ["DELIVER IN PERSON", "COLLECT COD", "NONE", "TAKE BACK RETURN"]
    let modes = ["TRUCK", "MAIL", "REG AIR", "AIR", "FOB", "RAIL", "SHIP"]
    let start = 8036  // 1992-01-02
    var columns: [[Value]] = Array(repeating: [], count: lineitem.count)
    let writer = try CSVWriter(path: path, columns: lineitem)
    var n = 0
    while n < rows {
        let count = min(65_536, rows - n)
        for k in columns.indices { columns[k].removeAll(keepingCapacity: true) }
        for i in 0..<count {
            let row = n + i
            let ship = start + next(2400)
            var comment = (0..<(2 + next(5))).map { _ in words[next(words.count)] }.joined(separator: " ")
            if next(10) == 0 { comment += ", " + words[next(words.count)] }
            let quantity = Double(1 + next(50))
            let values: [Value] = [
                .int(Int64(row / 4 + 1)), .int(Int64(next(200_000) + 1)), .int(Int64(next(10_000) + 1)), .int(Int64(row % 4 + 1)),
                .real(quantity), .real(Double(90_000 + next(10_000_000)) / 100), .real(Double(next(11)) / 100), .real(Double(next(9)) / 100),
                .string(["A", "N", "R"][next(3)]), .string(["O", "F"][next(2)]), .int(Int64(ship)), .int(Int64(ship + next(60))),
                .int(Int64(ship + next(30))), .string(instructs[next(4)]), .string(modes[next(7)]), .string(comment),
            ]
            for k in values.indices { columns[k].append(values[k]) }
        }
        let batch = try ColumnBatch(lineitem.indices.map { k in
            let c = lineitem[k]
            if c.dataType == .dbDate {
                return (c.name, Column(columns[k].map { v -> Int32? in if case .int(let d) = v { Int32(d) } else { nil } }, as: .dbDate))
            }
            return (c.name, try Column(c.dataType, values: columns[k]))
        })
        try writer.write(batch)
        n += count
    }
    try writer.finish()
}

/// The single-thread or the parallel reader behind one call. With `CODEPAGE=1252` in the
/// environment the file is read (and written) as that code page; with `REDIRECT=1` every column
/// redirects its bad values (the single-thread reader's dispositions path, on good data).
func batchSource(_ path: String, _ options: CSVOptions, workers: Int) throws -> () throws -> ColumnBatch? {
    var options = options
    if let page = ProcessInfo.processInfo.environment["CODEPAGE"].flatMap({ Int($0) }) { options.codePage = page }
    var columns = lineitem
    if ProcessInfo.processInfo.environment["REDIRECT"] == "1" {
        for k in columns.indices { columns[k].onError = .redirect }
    }
    if workers == 0 {
        let reader = try CSVReader(path: path, columns: columns, options: options)
        return { try reader.nextBatch() }
    }
    let reader = try ParallelCSVReader(path: path, columns: lineitem, options: options, workers: workers)
    return { try reader.nextBatch() }
}

func read(_ path: String, workers: Int) throws -> Int {
    var options = CSVOptions()
    options.batchRows = 65_536
    let next = try batchSource(path, options, workers: workers)
    var rows = 0
    while let b = try next() { rows += b.length }
    return rows
}

func copy(_ input: String, _ output: String, workers: Int) throws -> Int {
    var options = CSVOptions()
    options.batchRows = 65_536
    let next = try batchSource(input, options, workers: workers)
    var rows = 0
    if workers == 0 {
        let writer = try CSVWriter(path: output, columns: lineitem, options: options)
        while let b = try next() {
            try writer.write(b)
            rows += b.length
        }
        try writer.finish()
    } else {
        let writer = try ParallelCSVWriter(path: output, columns: lineitem, options: options, workers: workers)
        while let b = try next() {
            try writer.write(b)
            rows += b.length
        }
        try writer.finish()
    }
    return rows
}

/// Peak resident memory of this process, MiB.
func peakRSS() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

let args = Array(CommandLine.arguments.dropFirst())
do {
    switch args.first {
    case "generate" where args.count == 3:
        guard let rows = Int(args[2]), rows > 0 else { fail("rows must be a positive number") }
        try generate(args[1], rows: rows)
        print("wrote \(rows) rows, \(Int(fileSize(args[1]))) bytes to \(args[1])")
    case "read" where args.count == 2 || args.count == 3:
        let workers = args.count == 3 ? Int(args[2]) ?? -1 : 0
        guard workers >= 0 else { fail("WORKERS must be a number") }
        let t0 = now()
        let rows = try read(args[1], workers: workers)
        let s = now() - t0
        print(String(format: "read  %d rows  workers %d  %.3f s  %.0f MB/s  peak RSS %.0f MiB", rows, workers, s, fileSize(args[1]) / s / 1e6, peakRSS()))
    case "copy" where args.count == 3 || args.count == 4:
        let workers = args.count == 4 ? Int(args[3]) ?? -1 : 0
        guard workers >= 0 else { fail("WORKERS must be a number") }
        let t0 = now()
        let rows = try copy(args[1], args[2], workers: workers)
        let s = now() - t0
        print(String(format: "copy  %d rows  workers %d  %.3f s  %.0f MB/s (input)  peak RSS %.0f MiB", rows, workers, s, fileSize(args[1]) / s / 1e6, peakRSS()))
    default:
        fail("usage: sluice-csv-bench generate FILE ROWS | read FILE [WORKERS] | copy IN OUT [WORKERS]")
    }
} catch {
    fail("\(error)")
}
