import SluiceCore

extension StringFunctions {
    /// LEN: characters of a string, trailing spaces included (unlike SQL Server's LEN); bytes of
    /// a BLOB (Microsoft, "LEN (SSIS Expression)": for DT_TEXT, DT_NTEXT or DT_IMAGE "the
    /// function returns a byte count"): DT_IMAGE's bytes, DT_NTEXT's UTF-16 bytes, DT_TEXT's
    /// bytes in its code page.
    static func length(_ call: FunctionCall) throws -> Operators.Result {
        let s = try call.argument(0)
        let type = s.type
        guard type.isString || type.dataType == .image else {
            throw call.typeError("argument 1 must be a string or DT_IMAGE, not \(type)")
        }
        return call.strict(.i4, [s]) { v in
            switch (type.dataType, v[0]) {
            case (_, .bytes(let b)): return .int(Int64(b.count))
            case (.ntext, .string(let text)): return .int(Int64(text.utf16.count * 2))
            case (.text, .string(let text)): return .int(Int64(CodePageWidth.bytes(of: text, codePage: type.codePage ?? 1252)))
            case (_, .string(let text)): return .int(Int64(text.unicodeScalars.count))
            default: return .null
            }
        }
    }
}
