import Foundation
import SluiceCore

/// Runs a program and waits for it, like SSIS's Execute Process task.
///
/// The exit code is the execution value. Standard output and error can be stored into variables;
/// one trailing line break is removed from each (`echo 42` stores `42`), nothing else. A bare
/// executable name is searched on `PATH`; a relative path is taken from `workingDirectory`.
///
/// Output is streamed, never held whole (docs/execute-process.md): of a stream no variable
/// wants, only the last 64 KiB are kept, for the failure message, which quotes the end of
/// standard error. A variable receives at most 32 MiB (``variableOutputLimit``); more fails
/// the task with `SLUICE_E_PROCESS_OUTPUT_TOO_LARGE`. `standardOutputFile` / `standardErrorFile`
/// take any amount as it arrives: replaced like a shell's `>`, or appended to (`O_APPEND`,
/// `>>`) with `appendToOutputFiles`; one file named for both is `>file 2>&1`.
///
/// The task ends when the program exits, not when its pipes close: a background process it
/// leaves (`sh -c "(sleep 30 &); exit 0"`) goes on running without holding the task up.
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
                "Variable that receives the program's standard output (UTF-8, one trailing line break removed, "
                    + "at most 32 MiB)."),
            PropertySpec(
                "standardErrorVariable", .string,
                "Variable that receives the program's standard error (UTF-8, one trailing line break removed, "
                    + "at most 32 MiB)."),
            PropertySpec(
                "standardOutputFile", .string,
                "File that receives the program's standard output, of any size, as it arrives; replaced unless "
                    + "appendToOutputFiles. A relative path is taken from workingDirectory."),
            PropertySpec(
                "standardErrorFile", .string,
                "File that receives the program's standard error, like standardOutputFile; naming the same file "
                    + "for both interleaves them (a shell's >file 2>&1)."),
            PropertySpec(
                "appendToOutputFiles", .boolean, default: .bool(false),
                "Append to the output files (O_APPEND, a shell's >>) instead of replacing them (>)."),
            PropertySpec(
                "timeoutSeconds", .integer, default: .int(0),
                "Seconds after which the program is terminated and the task fails; 0 waits without limit."),
        ])

    /// Bytes of each stream kept for messages: the end of standard error explains a failure.
    public static let outputTailSize = 64 * 1024
    /// The most a variable receives, 32 MiB. Past it the task fails rather than store a cut-off
    /// text (`SLUICE_E_PROCESS_OUTPUT_TOO_LARGE`); a file keeps any amount.
    public static let variableOutputLimit = 32 * 1024 * 1024

    let executable: String
    let arguments: [String]
    let workingDirectory: String?
    let expectedExitCode: Int64
    let failOnUnexpectedExitCode: Bool
    let standardOutputVariable: String?
    let standardErrorVariable: String?
    let standardOutputFile: String?
    let standardErrorFile: String?
    let appendToOutputFiles: Bool
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
        standardOutputFile = properties.nonEmptyString("standardOutputFile")
        standardErrorFile = properties.nonEmptyString("standardErrorFile")
        appendToOutputFiles = properties.bool("appendToOutputFiles", default: false)
        timeoutSeconds = try properties.nonNegativeInt("timeoutSeconds", default: 0)
    }

    public func validate(in context: any TaskContext) throws {
        // Reading the variables proves they exist; the program, directory and files are checked
        // at run time, because an earlier task may create them.
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
            executable: try ExecutableLocator.locate(executable, workingDirectory: workingDirectory).path,
            arguments: arguments, workingDirectory: workingDirectory,
            timeout: timeoutSeconds > 0 ? .seconds(timeoutSeconds) : nil)
        // Opened before the program starts, so a file that cannot be written stops nothing midway.
        var outputs = try openOutputs()
        let ending = try child.run(isCanceled: { context.isCanceled }) { stream, bytes in
            outputs[stream.rawValue].receive(bytes)
        }
        switch ending {
        case .canceled:
            context.raise(
                .information(code: 0, message: "\"\(executable)\" was terminated because the run was canceled."))
            return .canceled
        case .timedOut:
            throw SluiceError(.processTimeout, ["executable": executable, "seconds": String(timeoutSeconds)])
        case .exited(let code):
            return try finish(code: code, outputs: outputs, in: context)
        }
    }
}
