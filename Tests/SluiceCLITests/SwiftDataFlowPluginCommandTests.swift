import Foundation
import SluiceTestSupport
import Testing

/// Data flow components written with the Swift SDK, in real packages through `sluice run`: the
/// example source `examples.sequence` through the C `examples.uppercase` into a flat file, and
/// the Swift transforms and destination of FixtureSwiftFlow.
@Suite struct SwiftDataFlowPluginCommandTests {
    typealias Run = DataFlowRunCommandTests

    static func sequence(count: Int, batchSize: Int) -> String {
        #"""
        {"name": "Numbers", "component": "examples.sequence", "properties": {"count": \#(count), "batchSize": \#(batchSize)},
         "outputs": [{"name": "Output", "columns": [
            {"name": "id", "lineageId": 1, "type": "DT_I8"}, {"name": "label", "lineageId": 2, "type": "DT_WSTR"},
            {"name": "amount", "lineageId": 3, "type": "DT_NUMERIC", "scale": 2}, {"name": "day", "lineageId": 4, "type": "DT_DBDATE"}]}]}
        """#
    }

    static let upper = #"""
        {"name": "Upper", "component": "examples.uppercase", "properties": {"columns": "label"},
         "inputs": [{"name": "Input"}], "outputs": [{"name": "Output", "synchronousInput": "Input"}]}
        """#

    /// The rows examples.sequence makes, as the flat file writes them after Upper.
    static func expected(count: Int) -> String {
        var text = "id,label,amount,day\n"
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let first = calendar.date(from: DateComponents(year: 2024, month: 1, day: 1)) ?? Date()
        let format = DateFormatter()
        format.calendar = calendar
        format.timeZone = calendar.timeZone
        format.dateFormat = "yyyy-MM-dd"
        for id in 1...count {
            let cents = id * 125
            let amount = "\(cents / 100).\(String(format: "%02d", cents % 100))"
            let day = format.string(from: calendar.date(byAdding: .day, value: id % 366, to: first) ?? first)
            text += "\(id),\(id % 10 == 0 ? "" : "ITEM \(id)"),\(amount),\(day)\n"
        }
        return text
    }

    @Test func theSwiftSequenceSourceRunsThroughTheCUppercaseIntoAFlatFile() throws {
        let f = try CLIFixture(plugins: ["SluiceSequenceSwift", "SluiceUppercaseC"])
        let out = f.directory.appendingPathComponent("out.csv").path
        let package = try f.write(Run.package(
            [Self.sequence(count: 25, batchSize: 10), Self.upper, Run.destination("Write", out, [1, 2, 3, 4])].joined(separator: ","),
            [Run.path("Numbers", "Output", "Upper"), Run.path("Upper", "Output", "Write")].joined(separator: ",")), as: "seq.json")
        let v = try f.sluice(["validate", package])
        #expect(v.status == 0, "\(v.transcript)")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == Self.expected(count: 25))
    }

    @Test func zeroRowsWriteOnlyTheHeader() throws {
        let f = try CLIFixture(plugins: ["SluiceSequenceSwift", "SluiceUppercaseC"])
        let out = f.directory.appendingPathComponent("out.csv").path
        let package = try f.write(Run.package(
            [Self.sequence(count: 0, batchSize: 10), Self.upper, Run.destination("Write", out, [1, 2, 3, 4])].joined(separator: ","),
            [Run.path("Numbers", "Output", "Upper"), Run.path("Upper", "Output", "Write")].joined(separator: ",")), as: "none.json")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "id,label,amount,day\n")
    }

    @Test func aBadPropertyFailsValidationWithThePluginsMessage() throws {
        let f = try CLIFixture(plugins: ["SluiceSequenceSwift"])
        let package = try f.write(Run.package(Self.sequence(count: 5, batchSize: 0), ""), as: "bad.json")
        let r = try f.sluice(["validate", package])
        #expect(r.status == 1)
        #expect(r.standardError.contains("property 'batchSize' must be 1 to 1048576, got 0"), "\(r.transcript)")
    }

    @Test func swiftTransformsAndADestinationRunInAPackage() throws {
        let f = try CLIFixture(plugins: ["SluiceSequenceSwift", "FixtureSwiftFlow"])
        let lengths = f.directory.appendingPathComponent("lengths.csv").path
        let totals = f.directory.appendingPathComponent("totals.txt").path
        let length = #"""
            {"name": "Length", "component": "tests.swift.length", "properties": {"column": "label"},
             "inputs": [{"name": "Input"}], "outputs": [{"name": "Output", "synchronousInput": "Input",
                "columns": [{"name": "length", "lineageId": 5, "type": "DT_I4"}]}]}
            """#
        let total = #"""
            {"name": "Total", "component": "tests.swift.total", "properties": {"column": "id"},
             "inputs": [{"name": "Input"}], "outputs": [{"name": "Output", "columns": [
                {"name": "rows", "lineageId": 6, "type": "DT_I8"}, {"name": "total", "lineageId": 7, "type": "DT_I8"}]}]}
            """#
        let lines = #"""
            {"name": "Lines", "component": "tests.swift.lines", "properties": {"file": "\#(totals)"},
             "inputs": [{"name": "Input", "columns": [{"lineageId": 6}, {"lineageId": 7}]}]}
            """#
        let multicast = #"{"name": "Both", "component": "sluice.multicast", "inputs": [{"name": "Input"}], "outputs": [{"name": "Output 1", "synchronousInput": "Input"}, {"name": "Output 2", "synchronousInput": "Input"}]}"#
        let package = try f.write(Run.package(
            [Self.sequence(count: 12, batchSize: 5), length, multicast, total, lines, Run.destination("Write", lengths, [1, 5])]
                .joined(separator: ","),
            [Run.path("Numbers", "Output", "Length"), Run.path("Length", "Output", "Both"), Run.path("Both", "Output 1", "Total"),
             Run.path("Total", "Output", "Lines"), Run.path("Both", "Output 2", "Write")].joined(separator: ",")), as: "flow.json")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        // 12 rows; 1 + … + 12 = 78.
        #expect(try String(contentsOfFile: totals, encoding: .utf8) == "12,78\n")
        let expectedLengths = (1...12).map { "\($0),\($0 % 10 == 0 ? "" : String("item \($0)".utf8.count))" }.joined(separator: "\n")
        #expect(try String(contentsOfFile: lengths, encoding: .utf8) == "id,length\n" + expectedLengths + "\n")
    }
}
