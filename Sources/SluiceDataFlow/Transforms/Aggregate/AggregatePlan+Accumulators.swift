import SluiceCore

extension AggregatePlan {
    /// The accumulator of an aggregation over `input` (nil for count all), or
    /// `SLUICE_E_AGGREGATE_OPERATION_TYPE` when the operation does not apply to its type.
    static func accumulator(for column: AggregateColumn, _ input: Column?, component: String) throws -> any GroupAccumulator {
        guard let input else { return CountAccumulator() }
        let type = input.dataType
        func unsupported() -> SluiceError {
            SluiceError(.aggregateOperationType, [
                "component": component, "column": column.input ?? "", "operation": column.operation.rawValue, "type": type.rawValue,
            ])
        }
        func overflow() -> SluiceError {
            SluiceError(.aggregateOverflow, ["component": component, "column": column.output, "type": type.rawValue])
        }
        switch column.operation {
        case .groupBy, .countAll, .count: return CountAccumulator()
        case .countDistinct: return CountDistinctAccumulator(input)
        case .sum, .average:
            let average = column.operation == .average
            switch type {
            case .i1: return IntegerSumAccumulator<Int8, Int64>(average: average, overflow: overflow)
            case .i2: return IntegerSumAccumulator<Int16, Int64>(average: average, overflow: overflow)
            case .i4: return IntegerSumAccumulator<Int32, Int64>(average: average, overflow: overflow)
            case .i8: return IntegerSumAccumulator<Int64, Int64>(average: average, overflow: overflow)
            case .ui1: return IntegerSumAccumulator<UInt8, UInt64>(average: average, overflow: overflow)
            case .ui2: return IntegerSumAccumulator<UInt16, UInt64>(average: average, overflow: overflow)
            case .ui4: return IntegerSumAccumulator<UInt32, UInt64>(average: average, overflow: overflow)
            case .ui8: return IntegerSumAccumulator<UInt64, UInt64>(average: average, overflow: overflow)
            case .r4: return RealSumAccumulator<Float>(average: average)
            case .r8: return RealSumAccumulator<Double>(average: average)
            case .currency, .decimal, .numeric:
                return DecimalSumAccumulator(average: average, scale: input.decimalScale, overflow: overflow)
            default: throw unsupported()
            }
        case .minimum, .maximum:
            let maximum = column.operation == .maximum
            func minMax<T: Comparable & BitwiseCopyable>(_ zero: T) -> any GroupAccumulator {
                MinMaxAccumulator<T>(type, scale: input.decimalScale, maximum: maximum, zero: zero)
            }
            switch type {
            case .i1: return minMax(Int8(0))
            case .i2: return minMax(Int16(0))
            case .i4, .dbDate: return minMax(Int32(0))
            case .i8, .date, .dbTime, .dbTime2, .dbTimestamp, .dbTimestamp2, .dbTimestampOffset, .fileTime: return minMax(Int64(0))
            case .ui1: return minMax(UInt8(0))
            case .ui2: return minMax(UInt16(0))
            case .ui4: return minMax(UInt32(0))
            case .ui8: return minMax(UInt64(0))
            case .r4: return minMax(Float(0))
            case .r8: return minMax(Double(0))
            case .currency, .decimal, .numeric: return minMax(Int128(0))
            case .str, .wstr, .text, .ntext: return StringMinMaxAccumulator(type, maximum: maximum)
            default: throw unsupported()
            }
        }
    }
}
