import Foundation
import SluiceTestSupport
import Testing

/// Aggregate, Sort and a plugin data flow component bound in packages, through the real
/// `sluice run` and `sluice validate`: real CSV files in, exact CSV files out.
@Suite struct DataFlowAggregateSortCommandTests {
    typealias Run = DataFlowRunCommandTests

    static let lineColumns = #"""
        {"name": "rf", "lineageId": 1, "type": "DT_WSTR"}, {"name": "ls", "lineageId": 2, "type": "DT_WSTR"},
        {"name": "qty", "lineageId": 3, "type": "DT_I8"}, {"name": "price", "lineageId": 4, "type": "DT_R8"}
        """#

    /// q1's shape: group by two keys, sum, average, count all and count, then sort by the keys.
    static func aggregate(operation: String = "sum", sumType: String = "DT_I8") -> String {
        #"""
        {"name": "Totals", "component": "sluice.aggregate",
         "properties": {"aggregations": [
            {"column": "rf", "operation": "groupBy", "lineageId": 1}, {"column": "ls", "operation": "groupBy", "lineageId": 2},
            {"column": "sum_qty", "operation": "\#(operation)", "lineageId": 3}, {"column": "avg_price", "operation": "average", "lineageId": 4},
            {"column": "count_u8", "operation": "countAll"}, {"column": "qty_count_u8", "operation": "count", "lineageId": 3}]},
         "inputs": [{"name": "Input", "columns": [{"lineageId": 1}, {"lineageId": 2}, {"lineageId": 3}, {"lineageId": 4}]}],
         "outputs": [{"name": "Output", "columns": [
            {"name": "rf", "lineageId": 11, "type": "DT_WSTR"}, {"name": "ls", "lineageId": 12, "type": "DT_WSTR"},
            {"name": "sum_qty", "lineageId": 13, "type": "\#(sumType)"}, {"name": "avg_price", "lineageId": 14, "type": "DT_R8"},
            {"name": "count_u8", "lineageId": 15, "type": "DT_UI8"}, {"name": "qty_count_u8", "lineageId": 16, "type": "DT_UI8"}]}]}
        """#
    }

    /// A flat file holds no DT_UI8: the counts become DT_I8 before they are written.
    static let convert = #"""
        {"name": "Convert", "component": "sluice.dataConversion",
         "properties": {"conversions": [{"lineageId": 15, "column": "count_order"}, {"lineageId": 16, "column": "qty_count"}]},
         "inputs": [{"name": "Input", "columns": [{"lineageId": 15}, {"lineageId": 16}]}],
         "outputs": [{"name": "Output", "synchronousInput": "Input", "columns": [
            {"name": "count_order", "lineageId": 17, "type": "DT_I8"}, {"name": "qty_count", "lineageId": 18, "type": "DT_I8"}]}]}
        """#

    static func sort(_ keys: String, removeDuplicates: Bool = false, input: [Int] = [1, 2], outputs: String) -> String {
        let used = input.map { #"{"lineageId": \#($0)}"# }.joined(separator: ", ")
        return #"""
            {"name": "Order", "component": "sluice.sort",
             "properties": {"keys": [\#(keys)], "removeDuplicates": \#(removeDuplicates), "memoryLimit": 1048576},
             "inputs": [{"name": "Input", "columns": [\#(used)]}],
             "outputs": [{"name": "Output", "columns": [\#(outputs)]}]}
            """#
    }

    @Test func q1ShapeAggregatesThenSortsExactly() throws {
        let f = try CLIFixture()
        // First sight order N/O, A/F, R/F; the sort puts A/F first. A NULL qty is counted by
        // count all but not by count, and left out of the sum.
        let input = try f.write("rf,ls,qty,price\nN,O,2,20\nA,F,1,10\nR,F,4,40\nA,F,3,30.5\nN,O,,50\n", as: "lines.csv")
        let out = f.directory.appendingPathComponent("q1.csv").path
        let order = Self.sort(
            #"{"lineageId": 11}, {"lineageId": 12, "direction": "ascending"}"#, input: [11, 12, 13, 14, 17, 18],
            outputs: #"""
                {"name": "rf", "lineageId": 21, "type": "DT_WSTR"}, {"name": "ls", "lineageId": 22, "type": "DT_WSTR"},
                {"name": "sum_qty", "lineageId": 23, "type": "DT_I8"}, {"name": "avg_price", "lineageId": 24, "type": "DT_R8"},
                {"name": "count_order", "lineageId": 25, "type": "DT_I8"}, {"name": "qty_count", "lineageId": 26, "type": "DT_I8"}
                """#)
        let package = try f.write(Run.package(
            [Run.source(input, columns: Self.lineColumns), Self.aggregate(), Self.convert, order, Run.destination("Write", out, [21, 22, 23, 24, 25, 26])]
                .joined(separator: ","),
            [Run.path("Read", "Output", "Totals"), Run.path("Totals", "Output", "Convert"), Run.path("Convert", "Output", "Order"), Run.path("Order", "Output", "Write")]
                .joined(separator: ",")), as: "q1.json")
        let v = try f.sluice(["validate", package])
        #expect(v.status == 0, "\(v.transcript)")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written == "rf,ls,sum_qty,avg_price,count_order,qty_count\nA,F,4,20.25,2,2\nN,O,2,35.0,2,1\nR,F,4,40.0,1,1\n", "\(written)")
    }

    @Test func sortOrdersStablyAndRemovesDuplicates() throws {
        let f = try CLIFixture()
        let input = try f.write("id,name\n1,b\n2,a\n3,b\n4,c\n5,a\n", as: "in.csv")
        let columns = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "name", "lineageId": 2, "type": "DT_WSTR"}"#
        let passed = #"{"name": "id", "lineageId": 3, "type": "DT_I4"}, {"name": "name", "lineageId": 4, "type": "DT_WSTR"}"#
        func run(_ keys: String, removeDuplicates: Bool, _ label: String) throws -> String {
            let out = f.directory.appendingPathComponent("\(label).csv").path
            let package = try f.write(Run.package(
                [Run.source(input, columns: columns), Self.sort(keys, removeDuplicates: removeDuplicates, outputs: passed),
                 Run.destination("Write", out, [3, 4])].joined(separator: ","),
                [Run.path("Read", "Output", "Order"), Run.path("Order", "Output", "Write")].joined(separator: ",")), as: "\(label).json")
            let r = try f.sluice(["run", package])
            #expect(r.status == 0, "\(r.transcript)")
            return try String(contentsOfFile: out, encoding: .utf8)
        }
        #expect(try run(#"{"lineageId": 2}"#, removeDuplicates: false, "stable") == "id,name\n2,a\n5,a\n1,b\n3,b\n4,c\n")
        #expect(try run(#"{"lineageId": 2}"#, removeDuplicates: true, "unique") == "id,name\n2,a\n1,b\n4,c\n")
        #expect(try run(#"{"lineageId": 2, "direction": "descending"}, {"lineageId": 1, "direction": "descending"}"#, removeDuplicates: false, "down")
            == "id,name\n4,c\n3,b\n1,b\n5,a\n2,a\n")
    }

    @Test func validateNamesTheComponentAndColumnOfABadAggregateOrSort() throws {
        let f = try CLIFixture()
        let input = try f.write("rf,ls,qty,price\nA,F,1,10\n", as: "lines.csv")
        func validate(_ component: String, _ label: String) throws -> ChildProcess {
            let package = try f.write(Run.package(
                [Run.source(input, columns: Self.lineColumns), component].joined(separator: ","),
                [Run.path("Read", "Output", component.contains("Totals") ? "Totals" : "Order")].joined(separator: ",")), as: "\(label).json")
            return try f.sluice(["validate", package])
        }
        // The sum of a DT_I8 is DT_I8, not DT_R8.
        var r = try validate(Self.aggregate(sumType: "DT_R8"), "sumtype")
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_DATAFLOW_COLUMN_UNSUPPORTED"), "\(r.transcript)")
        #expect(r.standardError.contains("Totals") && r.standardError.contains("sum_qty"), "\(r.transcript)")
        r = try validate(Self.aggregate(operation: "median"), "median")
        #expect(r.standardError.contains("SLUICE_E_DATAFLOW_PROPERTY_INVALID") && r.standardError.contains("aggregations[2].operation"), "\(r.transcript)")
        // A sort key the input does not use.
        r = try validate(Self.sort(#"{"lineageId": 3}"#, outputs: #"{"name": "rf", "lineageId": 21, "type": "DT_WSTR"}"#), "key")
        #expect(r.status == 1)
        #expect(r.standardError.contains("keys[0].lineageId") && r.standardError.contains("Order"), "\(r.transcript)")
    }

    static let upper = #"""
        {"name": "Upper", "component": "examples.uppercase", "properties": {"columns": "name"},
         "inputs": [{"name": "Input"}], "outputs": [{"name": "Output", "synchronousInput": "Input"}]}
        """#

    @Test func thePluginUppercaseRunsBetweenCSVFiles() throws {
        let f = try CLIFixture(plugins: ["SluiceUppercaseC"])
        let input = try f.write("id,name\n1,ada\n2,\n3,Grace hopper\n", as: "in.csv")
        let out = f.directory.appendingPathComponent("out.csv").path
        let columns = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "name", "lineageId": 2, "type": "DT_WSTR"}"#
        let package = try f.write(Run.package(
            [Run.source(input, columns: columns), Self.upper, Run.destination("Write", out, [1, 2])].joined(separator: ","),
            [Run.path("Read", "Output", "Upper"), Run.path("Upper", "Output", "Write")].joined(separator: ",")), as: "upper.json")
        let v = try f.sluice(["validate", package])
        #expect(v.status == 0, "\(v.transcript)")
        let r = try f.sluice(["run", package])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "id,name\n1,ADA\n2,\n3,GRACE HOPPER\n")
    }

    @Test func validateRejectsWhatThePluginWouldRejectAtRun() throws {
        let f = try CLIFixture(plugins: ["SluiceUppercaseC"])
        let input = try f.write("id,name\n1,ada\n", as: "in.csv")
        let columns = #"{"name": "id", "lineageId": 1, "type": "DT_I4"}, {"name": "name", "lineageId": 2, "type": "DT_WSTR"}"#
        // Upper-casing DT_I4 fails the plugin's negotiate.
        let package = try f.write(Run.package(
            [Run.source(input, columns: columns), Self.upper.replacingOccurrences(of: #""columns": "name""#, with: #""columns": "id""#)]
                .joined(separator: ","),
            Run.path("Read", "Output", "Upper")), as: "bad.json")
        let r = try f.sluice(["validate", package])
        #expect(r.status == 1)
        #expect(r.standardError.contains("SLUICE_E_PLUGIN_CALL_FAILED") && r.standardError.contains("Upper"), "\(r.transcript)")
        #expect(r.standardError.contains("is not a string"), "\(r.transcript)")
    }
}
