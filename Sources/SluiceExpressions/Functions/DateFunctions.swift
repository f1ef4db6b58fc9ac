import Foundation
import SluiceCore

/// DATEADD, DATEDIFF, DATEPART, DAY, MONTH, YEAR, GETDATE, GETUTCDATE.
///
/// Every date type is accepted; text is not converted implicitly (SSIS requires a cast such as
/// `(DT_DBTIMESTAMP)"2026-01-31"`). The part (``DatePart``) is a bare name or a string literal.
enum DateFunctions {
    static let all: [String: FunctionLibrary.Definition] = [
        "DATEADD": .init(arity: 3...3) { call in
            let part = try DatePart.named(by: call)
            let n = try call.integerArgument(1), d = try call.dateArgument(2)
            let fail = call.errors
            return call.strict(.dbTimestamp, [n, d]) { v in
                guard let r = part.adding(FunctionCall.integer(v[0]), to: v[1].dateValue!) else { throw fail.overflow }
                return .date(r)
            }
        },
        "DATEDIFF": .init(arity: 3...3) { call in
            let part = try DatePart.named(by: call)
            let start = try call.dateArgument(1), end = try call.dateArgument(2)
            let fail = call.errors
            return call.strict(.i4, [start, end]) { v in
                guard let r = part.difference(from: v[0].dateValue!, to: v[1].dateValue!) else { throw fail.overflow }
                return .int(r)
            }
        },
        "DATEPART": .init(arity: 2...2) { call in
            let part = try DatePart.named(by: call)
            let d = try call.dateArgument(1)
            return call.strict(.i4, [d]) { v in .int(part.value(of: v[0].dateValue!)) }
        },
        "DAY": .init(arity: 1...1) { call in try component(call, .day) },
        "MONTH": .init(arity: 1...1) { call in try component(call, .month) },
        "YEAR": .init(arity: 1...1) { call in try component(call, .year) },
        // The clock changes: never folded into a constant.
        "GETDATE": .init(arity: 0...0) { _ in (Compiled(.dbTimestamp) { .date(DateTime.localNow()) }, false) },
        "GETUTCDATE": .init(arity: 0...0) { _ in (Compiled(.dbTimestamp) { .date(Date()) }, false) },
    ]

    private static func component(_ call: FunctionCall, _ part: DatePart) throws -> Operators.Result {
        let d = try call.dateArgument(0)
        return call.strict(.i4, [d]) { v in .int(part.value(of: v[0].dateValue!)) }
    }
}
