import Foundation
import SluiceCore

extension ExecuteProcessTask {
    /// What each stream is called in messages, and the properties that direct it.
    private static let streams: [(name: String, fileProperty: String)] = [
        ("standard output", "standardOutputFile"), ("standard error", "standardErrorFile"),
    ]

    /// One ``ProcessOutput`` per stream, standard output first, with its file open.
    /// - Throws: `SLUICE_E_PROCESS_OUTPUT_FILE_FAILED` when a file cannot be opened.
    func openOutputs() throws -> [ProcessOutput] {
        let outputFile = try standardOutputFile.map { try open($0, for: 0) }
        var errorFile = try standardErrorFile.map { try open($0, for: 1) }
        // One file for both streams gets one descriptor, as `>file 2>&1`; two would overwrite
        // each other from two offsets.
        if let outputFile, let other = errorFile, outputFile.isSameFile(as: other) { errorFile = outputFile }
        return [
            ProcessOutput(capture: standardOutputVariable != nil, file: outputFile),
            ProcessOutput(capture: standardErrorVariable != nil, file: errorFile),
        ]
    }

    private func open(_ path: String, for stream: Int) throws -> OutputFile {
        var resolved = path
        if !path.hasPrefix("/"), let workingDirectory {
            resolved = (workingDirectory as NSString).appendingPathComponent(path)
        }
        do {
            return try OutputFile(path: resolved, append: appendToOutputFiles)
        } catch {
            throw SluiceError(.processOutputFileFailed, [
                "stream": Self.streams[stream].name, "executable": executable, "path": resolved,
                "reason": error.reason,
            ])
        }
    }

    /// Stores the output, then judges it and the exit code. The variables are set even on
    /// failure, so an OnError handler can log what the program said.
    /// - Throws: `SLUICE_E_PROCESS_OUTPUT_TOO_LARGE`, `SLUICE_E_PROCESS_OUTPUT_FILE_FAILED`,
    ///   `SLUICE_E_PROCESS_EXIT_CODE`.
    func finish(code: Int32, outputs: [ProcessOutput], in context: any TaskContext) throws -> TaskOutcome {
        let variables = [standardOutputVariable, standardErrorVariable]
        var tooLarge: SluiceError?
        for (index, output) in outputs.enumerated() {
            guard let variable = variables[index] else { continue }
            if let captured = output.captured {
                try context.setVariable(variable, to: .string(ProcessOutput.text(captured)))
            } else if output.overflowed, tooLarge == nil {
                tooLarge = SluiceError(.processOutputTooLarge, [
                    "stream": Self.streams[index].name, "executable": executable,
                    "limit": String(ProcessOutput.captureLimit), "variable": variable,
                    "property": Self.streams[index].fileProperty,
                ])
            }
        }
        if let tooLarge { throw tooLarge }
        for (index, output) in outputs.enumerated() {
            guard let file = output.file, let reason = file.failure else { continue }
            throw SluiceError(
                .processOutputFileFailed,
                ["stream": Self.streams[index].name, "executable": executable, "path": file.path, "reason": reason])
        }
        guard Int64(code) == expectedExitCode else {
            let failure = SluiceError(.processExitCode, [
                "executable": executable, "code": String(code), "expected": String(expectedExitCode),
                "output": failureNote(outputs),
            ])
            if failOnUnexpectedExitCode { throw failure }
            context.raise(.warning(code: failure.code, message: failure.text))
            return .success(.int(Int64(code)))
        }
        context.raise(.information(code: 0, message: "\"\(executable)\" exited with code \(code)."))
        return .success(.int(Int64(code)))
    }

    /// The end of what the program said, for the exit-code message: standard error, or standard
    /// output when standard error was empty. A stream a variable stores is left out; the
    /// variable has it.
    private func failureNote(_ outputs: [ProcessOutput]) -> String {
        let candidates = [(1, standardErrorVariable), (0, standardOutputVariable)]
        for (index, variable) in candidates where variable == nil {
            let excerpt = outputs[index].excerpt
            if !excerpt.isEmpty { return " Its \(Self.streams[index].name) ended with:\n\(excerpt)" }
        }
        return ""
    }
}
