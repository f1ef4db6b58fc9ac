import Foundation
import SluiceCore

/// Runs a program and waits for it, like SSIS's Execute Process task.
///
/// The exit code is the execution value. Standard output and error can be stored into variables;
/// one trailing line break is removed from each (`echo 42` stores `42`), nothing else. A bare
/// executable name is searched on `PATH`; a relative path is taken from `workingDirectory`.
///
/// When the run is canceled the child's process group gets SIGTERM, then SIGKILL after a grace
/// period, and the task returns `.canceled`; `timeoutSeconds` does the same but fails the task.
public final class ExecuteProcessTask: StockTask {
    public static let descriptor = ComponentDescriptor(
        id: "sluice.executeProcess", kind: .task, displayName: "Execute Process",
        description: "Runs a program, waits for it to exit and checks its exit code.", version: "1.0.0",
        properties: [
            PropertySpec(
                "executable", .string, required: true,
                "Program to run: a path, or a bare name searched on PATH. A relative path is taken from "
                    + "workingDirectory."),
            PropertySpec(
                "arguments", .stringList, "Arguments passed to the program, one per item, without shell quoting."),
            PropertySpec(
                "workingDirectory", .string,
                "Directory the program runs in; empty for the host's current directory. Must exist."),
            PropertySpec("expectedExitCode", .integer, default: .int(0), "Exit code that means success."),
            PropertySpec(
                "failOnUnexpectedExitCode", .boolean, default: .bool(true),
                "Fail the task when the exit code differs from expectedExitCode; when false, raise a warning "
                    + "and succeed."),
            PropertySpec(
                "standardOutputVariable", .string,
                "Variable that receives the program's standard output (UTF-8, one trailing line break removed)."),
            PropertySpec(
                "standardErrorVariable", .string,
                "Variable that receives the program's standard error (UTF-8, one trailing line break removed)."),
            PropertySpec(
                "timeoutSeconds", .integer, default: .int(0),
                "Seconds after which the program is terminated and the task fails; 0 waits without limit."),
        ])

    let executable: String
    let arguments: [String]
    let workingDirectory: String?
    let expectedExitCode: Int64
    let failOnUnexpectedExitCode: Bool
    let standardOutputVariable: String?
    let standardErrorVariable: String?
    let timeoutSeconds: Int64

    public init(_ properties: ResolvedProperties) throws {
        executable = try properties.string("executable")
        guard !executable.isEmpty else {
            throw SluiceError(.propertyRequired, ["property": "executable", "executable": properties.owner])
        }
        arguments = properties.stringList("arguments")
        workingDirectory = properties.nonEmptyString("workingDirectory")
        expectedExitCode = properties.optionalInt("expectedExitCode") ?? 0
        failOnUnexpectedExitCode = properties.bool("failOnUnexpectedExitCode", default: true)
        standardOutputVariable = properties.nonEmptyString("standardOutputVariable")
        standardErrorVariable = properties.nonEmptyString("standardErrorVariable")
        timeoutSeconds = try properties.nonNegativeInt("timeoutSeconds", default: 0)
    }

    public func validate(in context: any TaskContext) throws {
        // Reading the variables proves they exist; the program and directory are checked at run
        // time, because an earlier task may create them.
        for name in [standardOutputVariable, standardErrorVariable].compactMap({ $0 }) {
            _ = try context.variable(name)
        }
    }

    public func execute(in context: any TaskContext) throws -> TaskOutcome {
        if context.isCanceled { return .canceled }
        if let workingDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: workingDirectory, isDirectory: &isDirectory),
                isDirectory.boolValue
            else {
                throw SluiceError(
                    .processStartFailed,
                    ["executable": executable, "reason": "working directory \"\(workingDirectory)\" does not exist"])
            }
        }
        let child = ChildProcess(
            executable: try ExecutableLocator.locate(executable, workingDirectory: workingDirectory),
            arguments: arguments, workingDirectory: workingDirectory,
            timeout: timeoutSeconds > 0 ? .seconds(timeoutSeconds) : nil)

        switch try child.run(isCanceled: { context.isCanceled }) {
        case .canceled:
            context.raise(
                .information(code: 0, message: "\"\(executable)\" was terminated because the run was canceled."))
            return .canceled
        case .timedOut:
            throw SluiceError(.processTimeout, ["executable": executable, "seconds": String(timeoutSeconds)])
        case .exited(let code, let output, let error):
            return try finish(code: code, output: Self.text(output), error: Self.text(error), in: context)
        }
    }

    /// Stores the output, then judges the exit code: the variables are set even on failure, so
    /// an OnError handler can log what the program said.
    private func finish(code: Int32, output: String, error: String, in context: any TaskContext) throws -> TaskOutcome {
        if let standardOutputVariable { try context.setVariable(standardOutputVariable, to: .string(output)) }
        if let standardErrorVariable { try context.setVariable(standardErrorVariable, to: .string(error)) }
        guard Int64(code) == expectedExitCode else {
            // Without a variable for it, standard error would be lost; it is what explains the code.
            if standardErrorVariable == nil, !error.isEmpty {
                let message = "Standard error of \"\(executable)\": \(Self.excerpt(error))"
                context.raise(.information(code: 0, message: message))
            }
            let failure = SluiceError(
                .processExitCode,
                ["executable": executable, "code": String(code), "expected": String(expectedExitCode)])
            if failOnUnexpectedExitCode { throw failure }
            context.raise(.warning(code: failure.code, message: failure.text))
            return .success(.int(Int64(code)))
        }
        context.raise(.information(code: 0, message: "\"\(executable)\" exited with code \(code)."))
        return .success(.int(Int64(code)))
    }

    /// Decodes output as UTF-8 (invalid bytes become U+FFFD) and drops one trailing line break.
    static func text(_ bytes: [UInt8]) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
        return text
    }

    /// At most the last 2,000 characters: the end of standard error is usually the useful part.
    private static func excerpt(_ text: String) -> String {
        text.count <= 2_000 ? text : "…" + text.suffix(2_000)
    }
}
