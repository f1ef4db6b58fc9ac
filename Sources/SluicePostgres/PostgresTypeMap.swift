import PostgresNIO
import SluiceCore

/// The PostgreSQL types the source reads, and the Sluice type of each.
///
/// | PostgreSQL | Sluice |
/// |---|---|
/// | int2, int4, int8 | DT_I2, DT_I4, DT_I8 |
/// | float4, float8 | DT_R4, DT_R8 |
/// | numeric | DT_NUMERIC (decimal128, exact) |
/// | text, varchar, bpchar, name | DT_WSTR (or DT_STR, DT_NTEXT, DT_TEXT as declared) |
/// | bool | DT_BOOL |
/// | date | DT_DBDATE |
/// | timestamp | DT_DBTIMESTAMP (or DT_DATE, DT_DBTIMESTAMP2 as declared) |
/// | bytea | DT_BYTES (or DT_IMAGE) |
public enum PostgresTypeMap {
    /// The decoder for a PostgreSQL type, by OID; nil for a type Sluice does not map.
    static func kind(of type: PostgresDataType) -> CellKind? {
        switch type {
        case .int2: .int2
        case .int4: .int4
        case .int8: .int8
        case .float4: .float4
        case .float8: .float8
        case .numeric: .numeric
        case .text, .varchar, .bpchar, .name: .text
        case .bool: .bool
        case .date: .date
        case .timestamp: .timestamp
        case .bytea: .bytea
        default: nil
        }
    }

    /// The Sluice types a column of that PostgreSQL type may be declared as.
    static func accepts(_ kind: CellKind) -> Set<DataType> {
        switch kind {
        case .int2: [.i2]
        case .int4: [.i4]
        case .int8: [.i8]
        case .float4: [.r4]
        case .float8: [.r8]
        case .numeric: [.numeric, .decimal, .currency]
        case .text: [.wstr, .str, .ntext, .text]
        case .bool: [.bool]
        case .date: [.dbDate]
        case .timestamp: [.dbTimestamp, .dbTimestamp2, .date]
        case .bytea: [.bytes, .image]
        }
    }

    /// For messages: the PostgreSQL types mapped.
    public static let supported = "int2, int4, int8, float4, float8, numeric, text, varchar, bpchar, name, bool, date, timestamp, bytea"

    /// The PostgreSQL type's name (`numeric`) or its OID when postgres-nio has no name for it.
    static func name(_ type: PostgresDataType) -> String { type.knownSQLName ?? "oid \(type.rawValue)" }
}

/// How a result cell is decoded (binary format).
enum CellKind: Sendable, Hashable {
    case int2, int4, int8, float4, float8, numeric, text, bool, date, timestamp, bytea
}

extension PostgresTypeMap {
    /// The Sluice types a source column may be declared as.
    public static let declarable: Set<DataType> = [CellKind.int2, .int4, .int8, .float4, .float8, .numeric, .text, .bool, .date, .timestamp, .bytea]
        .reduce(into: Set<DataType>()) { $0.formUnion(PostgresTypeMap.accepts($1)) }

    /// The Sluice types a destination writes with COPY.
    public static let writable: Set<DataType> = [
        .i1, .i2, .i4, .i8, .ui1, .ui2, .ui4, .ui8, .r4, .r8, .bool, .currency, .decimal, .numeric, .dbDate, .date, .dbTimestamp,
        .dbTimestamp2, .str, .wstr, .text, .ntext, .bytes, .image,
    ]
}
