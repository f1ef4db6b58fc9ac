/// A `DT_R8` / `DT_R4` input of a kernel: its lanes, and its value when it is the same for
/// every row (a literal or a variable), so that a kernel can hold it in a register instead of
/// streaming a chunk of copies of it.
struct RealInput {
    var lanes: UnsafePointer<Double>
    var scalar: Double?
}

/// How a kernel loop reads an input, row by row; specialized for each kind, so each loop
/// compiles to plain loads or to one register.
protocol RealOperand {
    subscript(_ i: Int) -> Double { get }
}

/// An input read from its lanes.
struct Stream: RealOperand {
    let lanes: UnsafePointer<Double>
    init(_ lanes: UnsafePointer<Double>) { self.lanes = lanes }
    @inline(__always) subscript(_ i: Int) -> Double { lanes[i] }
}

/// An input with one value for every row.
struct Broadcast: RealOperand {
    let value: Double
    init(_ value: Double) { self.value = value }
    @inline(__always) subscript(_ i: Int) -> Double { value }
}
