/// A Sluice data type, named as in SSIS (`DT_I4`, `DT_WSTR`, …), each mapped to one Arrow type.
///
/// `DT_OBJECT` is Sluice's name for SSIS's Object variable type: it holds a runtime object
/// (a result set, an enumerator state) and has no Arrow column type.
public enum DataType: String, Sendable, CaseIterable, Hashable {
    case i1 = "DT_I1", i2 = "DT_I2", i4 = "DT_I4", i8 = "DT_I8"
    case ui1 = "DT_UI1", ui2 = "DT_UI2", ui4 = "DT_UI4", ui8 = "DT_UI8"
    case r4 = "DT_R4", r8 = "DT_R8"
    case currency = "DT_CY", decimal = "DT_DECIMAL", numeric = "DT_NUMERIC"
    case bool = "DT_BOOL"
    case guid = "DT_GUID"
    case str = "DT_STR", wstr = "DT_WSTR", text = "DT_TEXT", ntext = "DT_NTEXT"
    case bytes = "DT_BYTES", image = "DT_IMAGE"
    case date = "DT_DATE", dbDate = "DT_DBDATE", dbTime = "DT_DBTIME", dbTime2 = "DT_DBTIME2"
    case dbTimestamp = "DT_DBTIMESTAMP", dbTimestamp2 = "DT_DBTIMESTAMP2"
    case dbTimestampOffset = "DT_DBTIMESTAMPOFFSET", fileTime = "DT_FILETIME"
    case object = "DT_OBJECT"

    /// The Arrow C Data Interface format string of a column of this type.
    public var arrowFormat: String? {
        switch self {
        case .i1: "c"
        case .i2: "s"
        case .i4: "i"
        case .i8: "l"
        case .ui1: "C"
        case .ui2: "S"
        case .ui4: "I"
        case .ui8: "L"
        case .r4: "f"
        case .r8: "g"
        case .currency: "d:19,4"
        case .decimal: "d:29,10"
        case .numeric: "d:38,10"
        case .bool: "b"
        case .guid: "w:16"
        case .str, .wstr, .text, .ntext: "u"
        case .bytes, .image: "z"
        case .dbDate: "tdD"
        case .dbTime, .dbTime2: "ttu"
        case .date, .dbTimestamp, .dbTimestamp2, .fileTime: "tsu:"
        case .dbTimestampOffset: "tsu:UTC"
        case .object: nil
        }
    }

    /// The kind of ``Value`` that holds a non-null value of this type.
    public var valueKind: Value.Kind {
        switch self {
        case .i1, .i2, .i4, .i8: .int
        case .ui1, .ui2, .ui4, .ui8: .uint
        case .r4, .r8: .real
        case .currency, .decimal, .numeric: .decimal
        case .bool: .bool
        case .guid: .guid
        case .str, .wstr, .text, .ntext: .string
        case .bytes, .image: .bytes
        case .date, .dbDate, .dbTime, .dbTime2, .dbTimestamp, .dbTimestamp2, .dbTimestampOffset, .fileTime: .date
        case .object: .object
        }
    }

    /// The smallest and largest value of an integer type.
    var integerRange: ClosedRange<Int64>? {
        switch self {
        case .i1: Int64(Int8.min)...Int64(Int8.max)
        case .i2: Int64(Int16.min)...Int64(Int16.max)
        case .i4: Int64(Int32.min)...Int64(Int32.max)
        case .i8: Int64.min...Int64.max
        case .ui1: 0...Int64(UInt8.max)
        case .ui2: 0...Int64(UInt16.max)
        case .ui4: 0...Int64(UInt32.max)
        // Only the part an Int64 can reach; larger DT_UI8 values stay `.uint` and never get here.
        case .ui8: 0...Int64.max
        default: nil
        }
    }
}
