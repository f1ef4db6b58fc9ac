import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// System variables through the real `sluice`, as Microsoft's "System Variables" page defines
/// them (learn.microsoft.com/sql/integration-services/system-variables): ids are Strings, so
/// concatenation, LEN and comparing SourceID with PackageID validate and run; UserName is the
/// account's, not $USER's; ErrorCode in OnError is negative, as SSIS's HRESULTs.
@Suite struct SystemVariablesCommandTests {
    private static let packageID = "5d8c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
    private static let taskID = "6e9d2b3c-4d5e-4f60-9bac-1d2e3f4a5b6c"

    /// A package whose Expression tasks copy system variables into User variables, shown by
    /// `--show-variables`. The third task (T2) has the id ``taskID``.
    private func package(variables: String, expressions: [String], handlers: String = "") -> String {
        let tasks = expressions.enumerated().map { i, e in
            let id = i == 2 ? #", "id": "\#(Self.taskID)""# : ""
            let text = e.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return #"{"name": "T\#(i)"\#(id), "type": "task", "component": "sluice.expression", "properties": {"expression": "\#(text)"}}"#
        }
        let constraints = (1..<max(1, expressions.count)).map { #"{"from": "T\#($0 - 1)", "to": "T\#($0)"}"# }
        return """
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "Sys", "id": "\(Self.packageID)",
              "variables": [\(variables)],
              "executables": [\(tasks.joined(separator: ", "))],
              "constraints": [\(constraints.joined(separator: ", "))]\(handlers)}}
            """
    }

    private func shown(_ r: ChildProcess, _ name: String) -> String? {
        let prefix = "User::\(name) = "
        return r.standardError.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    @Test func idsConcatenateMeasureAndCompareAsStrings() throws {
        let f = try CLIFixture()
        let text = package(
            variables: #"{"name": "Label", "type": "DT_WSTR"}, {"name": "Len", "type": "DT_I4"}, {"name": "Task", "type": "DT_WSTR"}, {"name": "Name", "type": "DT_WSTR"}, {"name": "Kind", "type": "DT_WSTR"}, {"name": "IsPackage", "type": "DT_BOOL"}"#,
            expressions: [
                #"@[User::Label] = "Load run " + @[System::ExecutionInstanceGUID]"#,
                "@[User::Len] = LEN(@[System::PackageID])",
                "@[User::Task] = @[System::TaskID]",
                "@[User::Name] = @[System::TaskName]",
                "@[User::Kind] = @[System::CreationName]",
                #"@[User::IsPackage] = @[System::PackageID] == "{\#(Self.packageID.uppercased())}""#,
            ])
        let path = try f.write(text, as: "ids.json")
        let v = try f.sluice(["validate", path])
        #expect(v.status == 0, "\(v.transcript)")
        let r = try f.sluice(["run", path, "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        let label = try #require(shown(r, "Label"), "\(r.transcript)")
        #expect(label.hasPrefix("Load run {") && label.hasSuffix("} (DT_WSTR)"), "\(label)")
        #expect(shown(r, "Len") == "38 (DT_I4)")
        #expect(shown(r, "Task") == "{\(Self.taskID.uppercased())} (DT_WSTR)")
        #expect(shown(r, "Name") == "T3 (DT_WSTR)")
        #expect(shown(r, "Kind") == "sluice.expression (DT_WSTR)")
        #expect(shown(r, "IsPackage") == "True (DT_BOOL)" || shown(r, "IsPackage") == "true (DT_BOOL)", "\(r.transcript)")
    }

    @Test func sourceIDEqualsPackageIDForThePackagesOwnEvent() throws {
        // The shape of a public master package: a package-level OnPostExecute handler that acts
        // only for the package's own event, `@[System::SourceID] == @[System::PackageID]`.
        let f = try CLIFixture()
        let handler = #", "eventHandlers": [{"event": "OnPostExecute", "executables": [{"name": "Mark", "type": "task", "component": "sluice.expression", "properties": {"expression": "@[User::Count] = @[User::Count] + (@[System::SourceID] == @[System::PackageID] ? 1 : 0)"}}]}]"#
        let text = package(
            variables: #"{"name": "Count", "type": "DT_I4", "value": 0}, {"name": "X", "type": "DT_I4"}"#,
            expressions: ["@[User::X] = 1", "@[User::X] = 2"], handlers: handler)
        let path = try f.write(text, as: "master.json")
        #expect(try f.sluice(["validate", path]).status == 0)
        let r = try f.sluice(["run", path, "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        // Three OnPostExecute events (T0, T1, the package); only the package's counts.
        #expect(shown(r, "Count") == "1 (DT_I4)", "\(r.transcript)")
    }

    @Test func startTimesAreDates() throws {
        let f = try CLIFixture()
        let text = package(
            variables: #"{"name": "Ordered", "type": "DT_BOOL"}, {"name": "Year", "type": "DT_I4"}"#,
            expressions: [
                "@[User::Ordered] = @[System::ContainerStartTime] >= @[System::StartTime]",
                "@[User::Year] = YEAR(@[System::StartTime])",
            ])
        let r = try f.sluice(["run", try f.write(text, as: "dates.json"), "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(shown(r, "Ordered")?.lowercased() == "true (dt_bool)", "\(r.transcript)")
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        #expect(shown(r, "Year") == "\(year) (DT_I4)" || shown(r, "Year") == "\(year - 1) (DT_I4)", "\(r.transcript)")
    }

    @Test func errorCodeInOnErrorIsNegativeWithSluicesCodeBeside() throws {
        let f = try CLIFixture()
        let handler = #", "eventHandlers": [{"event": "OnError", "executables": [{"name": "Keep", "type": "task", "component": "sluice.expression", "properties": {"expression": "@[User::Code] = @[System::ErrorCode]"}}, {"name": "KeepOwn", "type": "task", "component": "sluice.expression", "properties": {"expression": "@[User::Own] = @[System::SluiceErrorCode]"}}], "constraints": [{"from": "Keep", "to": "KeepOwn"}]}]"#
        let text = package(
            variables: #"{"name": "Code", "type": "DT_I4", "value": 0}, {"name": "Own", "type": "DT_I4", "value": 0}, {"name": "Zero", "type": "DT_I4", "value": 0}, {"name": "N", "type": "DT_I4"}"#,
            expressions: ["@[User::N] = 1 / @[User::Zero]"], handlers: handler)
        let r = try f.sluice(["run", try f.write(text, as: "error.json"), "--show-variables"])
        #expect(r.status == 1, "\(r.transcript)")
        let code = try #require(shown(r, "Code").flatMap { Int32($0.split(separator: " ")[0]) }, "\(r.transcript)")
        let own = try #require(shown(r, "Own").flatMap { Int32($0.split(separator: " ")[0]) }, "\(r.transcript)")
        #expect(own > 0 && r.standardError.contains("(\(own))"), "\(r.transcript)")
        #expect(code < 0)
        #expect(code == Int32(bitPattern: 0xC000_0000 | UInt32(own)))
    }

    @Test func userNameIsTheAccountsUnderAnEmptyEnvironment() throws {
        let f = try CLIFixture()
        let text = package(variables: #"{"name": "Who", "type": "DT_WSTR"}"#, expressions: ["@[User::Who] = @[System::UserName]"])
        let path = try f.write(text, as: "who.json")
        // env -i: no USER, LOGNAME or HOME, as under cron.
        let r = try ChildProcess.run(
            URL(fileURLWithPath: "/usr/bin/env"),
            ["-i", "SLUICE_DEFAULT_PLUGIN_DIR=none", "SLUICE_PLUGIN_CACHE=\(f.pluginCache.path)", BuildProducts.sluice.path, "run", path, "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        let expected = try #require(getpwuid(getuid())).pointee.pw_name.map { String(cString: $0) }
        #expect(shown(r, "Who") == "\(expected ?? "") (DT_WSTR)", "\(r.transcript)")
    }

    @Test func showVariablesGivesTheValueOfExpressionVariables() throws {
        let f = try CLIFixture()
        let text = package(
            variables: #"{"name": "A", "type": "DT_I4", "value": 20}, {"name": "Twice", "type": "DT_I4", "value": 0, "expression": "@[User::A] * 2"}"#,
            expressions: ["@[User::A] = @[User::A] + 1"])
        let r = try f.sluice(["run", try f.write(text, as: "expr.json"), "--show-variables"])
        #expect(r.status == 0, "\(r.transcript)")
        #expect(shown(r, "Twice") == "42 (DT_I4)", "\(r.transcript)")
    }
}
