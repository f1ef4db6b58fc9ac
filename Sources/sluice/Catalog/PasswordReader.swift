#if canImport(Glibc)
    import Glibc
#endif
import SluiceCore

/// A password from the terminal without echo, or one line of standard input (`--password-stdin`).
enum PasswordReader {
    static func read(prompt: String, fromStdin: Bool) throws -> String {
        if fromStdin { return try line(echoOff: false) }
        guard isatty(STDIN_FILENO) == 1 else {
            throw SluiceError(.catalogClientPasswordUnread, ["reason": "standard input is not a terminal; pass --password-stdin to read it from a pipe"])
        }
        Console.emit(prompt)
        defer { Console.emit("\n") }
        return try line(echoOff: true)
    }

    /// One line (without its newline) of at most 4 KiB, echo off on a terminal for its duration.
    private static func line(echoOff: Bool) throws -> String {
        var saved = termios()
        let restore = echoOff && tcgetattr(STDIN_FILENO, &saved) == 0
        if restore {
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet)
        }
        defer { if restore { tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) } }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while bytes.count <= 4096 {
            let n = Glibc.read(STDIN_FILENO, &byte, 1)
            if n < 0, errno == EINTR { continue }
            if n <= 0 || byte == UInt8(ascii: "\n") { break }
            bytes.append(byte)
        }
        if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.count <= 4096 else { throw SluiceError(.catalogClientPasswordUnread, ["reason": "the line is longer than 4096 bytes"]) }
        guard !bytes.isEmpty, let text = String(validating: bytes, as: UTF8.self) else {
            throw SluiceError(.catalogClientPasswordUnread, ["reason": "the line is empty or not UTF-8"])
        }
        return text
    }
}
