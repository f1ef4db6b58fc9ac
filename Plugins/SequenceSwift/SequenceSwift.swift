// The example data flow source in Swift: rows made up from a count, with SluiceSDK.
//
//     swift build --product SluiceSequenceSwift      # .build/debug/libSluiceSequenceSwift.so
//
// The library exports one symbol, sluice_plugin_entry; everything else is reached through the
// descriptor it returns.
import SluiceSDK

/// Emits `count` rows, `batchSize` at a time: `id` 1…count (int64), `label` "item <id>" (utf8,
/// NULL on every tenth row), `amount` id × 1.25 (decimal128(18,2)) and `day` 2024-01-01 plus
/// id % 366 days (date32).
///
/// ```json
/// { "name": "Numbers", "component": "examples.sequence", "properties": { "count": 1000 },
///   "outputs": [{ "name": "Output", "columns": [
///     { "name": "id", "lineageId": 1, "type": "DT_I8" }, { "name": "label", "lineageId": 2, "type": "DT_WSTR" },
///     { "name": "amount", "lineageId": 3, "type": "DT_NUMERIC", "scale": 2 },
///     { "name": "day", "lineageId": 4, "type": "DT_DBDATE" }] }] }
/// ```
final class SequenceSource: PluginFlowSource {
    static let id = "examples.sequence"
    static let displayName = "Sequence (Swift)"
    static let summary = "Emits count rows of id, label, amount and day, batchSize rows per batch."
    static let version = "1.0.0"
    static let properties = [
        PluginProperty(name: "count", type: .int64, defaultValue: "10", description: "How many rows."),
        PluginProperty(name: "batchSize", type: .int64, defaultValue: "4096", description: "Rows per batch (1 to 1048576)."),
    ]

    /// 2024-01-01 as days since 1970-01-01.
    static let firstDay: Int32 = 19_723

    private var count: Int64 = 10
    private var batchSize: Int64 = 4096
    private var next: Int64 = 1

    init() {}

    func setProperty(_ property: String, _ value: PluginValue) throws {
        switch (property, value) {
        case ("count", .int64(let number)): count = number
        case ("batchSize", .int64(let number)): batchSize = number
        default: throw PluginError(.invalidArgument, "property '\(property)' cannot be set to \(value)")
        }
    }

    func validate(_ context: PluginContext) throws {
        guard (0...(Int64.max / 125)).contains(count) else {
            throw PluginError(.invalidArgument, "property 'count' must be 0 to \(Int64.max / 125), got \(count)")
        }
        guard (1...1_048_576).contains(batchSize) else {
            throw PluginError(.invalidArgument, "property 'batchSize' must be 1 to 1048576, got \(batchSize)")
        }
    }

    func negotiate(_ inputs: [[FlowField]]) throws -> [[FlowField]] {
        [[
            FlowField("id", .int64, nullable: false), FlowField("label", .utf8),
            FlowField("amount", .decimal128(precision: 18, scale: 2), nullable: false), FlowField("day", .date32, nullable: false),
        ]]
    }

    func preExecute(_ context: PluginContext) throws { next = 1 }

    func produce(_ context: PluginContext) throws -> Bool {
        guard next <= count else { return true }
        let last = min(count, next + batchSize - 1)
        let ids = Int64ColumnBuilder(), labels = StringColumnBuilder()
        let amounts = Decimal128ColumnBuilder(precision: 18, scale: 2), days = Date32ColumnBuilder()
        for id in next...last {
            ids.append(id)
            labels.append(id % 10 == 0 ? nil : "item \(id)")
            amounts.append(FlowDecimal128(id * 125))  // id × 1.25, scale 2; count ≤ Int64.max / 125 checked below
            days.append(Self.firstDay + Int32(id % 366))
        }
        var batch = FlowOutputBatch(rowCount: Int(last - next + 1))
        batch.add(ids)
        batch.add(labels)
        batch.add(amounts)
        batch.add(days)
        try context.emit(batch, to: 0)
        next = last + 1
        return next > count
    }
}

private let plugin = PluginDefinition(
    name: "examples.sequence", version: "1.0.0", vendor: "Sluice examples",
    description: "A data flow source in Swift: numbered rows of four types, per batch.", components: [SequenceSource.self])

@_cdecl("sluice_plugin_entry")
public func sluicePluginEntry() -> UnsafeRawPointer? { plugin.descriptorPointer }
