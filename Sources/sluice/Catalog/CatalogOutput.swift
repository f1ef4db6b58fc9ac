import Foundation
import SluiceCommandLine

/// How `sluice catalog` prints: a table by default, JSON (the API's own shapes) with `--json`.
enum CatalogOutput {
    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Prints `value` as JSON with `--json`, else `rows` under `header` as a table.
    static func print<T: Encodable>(_ parsed: ParsedCommand, _ value: T, header: [String], rows: [[String]]) {
        if parsed.flag("json") {
            Swift.print(json(value))
        } else {
            Swift.print(Table.render(header: header, rows: rows.map { $0.map(Printable.escaped) }))
        }
    }

    static func date(_ date: Date?) -> String {
        guard let date else { return "" }
        return ISO8601DateFormatter().string(from: date)
    }
}
