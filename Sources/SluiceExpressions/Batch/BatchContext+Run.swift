import SluiceCore

/// Where a node writes its lanes: its scratch slot, or for the root, the output column.
struct Destination {
    var values: UnsafeMutableRawPointer
    var validity: UnsafeMutablePointer<UInt64>
}

extension BatchContext {
    /// Evaluates `node` over the rows `start ..< start + n` (n ≤ ``chunk``).
    func run(_ node: BatchNode, _ start: Int, _ n: Int, into dest: Destination? = nil) -> Lanes {
        let out = dest ?? Destination(values: values(node), validity: validity(node))
        switch node.op {
        case .constant, .reference:
            return Lanes(values: values(node), validity: isNullConstant[node.id] ? UnsafePointer(allNull) : nil, isUniform: true)
        case .column(let slot):
            return load(columns[slot], start, n, out)
        case .fallback(let slot):
            return runFallback(node, fallbacks[slot], start, n, out)
        case .toReal(let x):
            let l = run(x, start, n)
            let a = l.ints(), r = out.values.assumingMemoryBound(to: Double.self)
            for i in 0..<n { r[i] = Double(a[i]) }
            return Lanes(values: out.values, validity: l.validity, errors: l.errors, isUniform: l.isUniform)
        case .arithmetic(let op, let a, let b, let p):
            if let fused = runFused(node, op, a, b, p, start, n, out) { return fused }
            let la = run(a, start, n), lb = run(b, start, n)
            return arithmetic(node, op, la, lb, n, out) { va, vb in
                try Self.binary(op, node.type, va, vb, at: p)
            }
        case .negate(let x, let p):
            let l = run(x, start, n)
            let zero = Lanes(values: zeros, validity: nil, isUniform: true)
            return arithmetic(node, .subtract, zero, l, n, out) { _, v in
                try Operators.unary("-", Compiled(x.type, constant: v), at: p).compiled.evaluate()
            }
        case .comparison(let op, let a, let b):
            let la = run(a, start, n), lb = run(b, start, n)
            let words = out.values.assumingMemoryBound(to: UInt64.self)
            switch a.kind {
            case .real: Kernels.compare(op, la.reals(), lb.reals(), words, n)
            case .int: Kernels.compare(op, la.ints(), lb.ints(), words, n)
            case .bool: Kernels.compareBits(equal: op == .equal, la.words(), lb.words(), words, Kernels.words(n))
            }
            let validity = Kernels.and(la.validity, lb.validity, into: out.validity, n)
            return Lanes(values: out.values, validity: validity, errors: la.errors.merged(with: lb.errors))
        case .logical(let and, let a, let b):
            let la = run(a, start, n), lb = run(b, start, n)
            Kernels.logical(
                and: and, la.words(), la.validity, lb.words(), lb.validity,
                values: out.values.assumingMemoryBound(to: UInt64.self), validity: out.validity, n)
            // The scalar evaluator never evaluates the right operand where the left decides.
            let right = lb.errors.filter { !(la.isValid($0.row) && Kernels.bit(la.words(), $0.row) != and) }
            return Lanes(values: out.values, validity: UnsafePointer(out.validity), errors: la.errors.merged(with: right))
        case .not(let x):
            let l = run(x, start, n)
            let a = l.words(), r = out.values.assumingMemoryBound(to: UInt64.self)
            for w in 0..<Kernels.words(n) { r[w] = ~a[w] }
            return Lanes(values: out.values, validity: l.validity, errors: l.errors)
        case .cast(let x, let from, let p):
            let l = run(x, start, n)
            var result = Lanes(values: out.values, validity: l.validity, errors: l.errors)
            if Kernels.cast(from: x.kind, l.values, to: node.kind, node.type.dataType, out.values, n) {
                let own = recheck(n, l.validity, l.errors, node, out) { i in
                    Kernels.castFails(from: x.kind, l.values, i, to: node.type.dataType)
                } oracle: { i in
                    try Casts.convert(Self.value(l, i, x.kind, from), from: from, to: node.type, at: p)
                }
                result.errors = result.errors.merged(with: own)
            }
            return result
        }
    }

    /// `a ⊕ (c ⊗ d)` and `(c ⊗ d) ⊕ a` on `DT_R8` in one pass (``Kernels/fused``); nil when the
    /// node has another shape. When a row may fail, the chunk's lanes are combined node by node.
    private func runFused(
        _ node: BatchNode, _ op: ArithmeticOperator, _ a: BatchNode, _ b: BatchNode, _ p: SourcePosition, _ start: Int,
        _ n: Int, _ out: Destination
    ) -> Lanes? {
        func fusable(_ x: BatchNode) -> Bool {
            if case .arithmetic(let o, _, _, _) = x.op { return o != .remainder && x.type.dataType == .r8 }
            return false
        }
        guard node.type.dataType == .r8, fusable(a) || fusable(b) else { return nil }
        let innerOnLeft = !fusable(b)
        let (single, inner) = innerOnLeft ? (b, a) : (a, b)
        guard case .arithmetic(let innerOp, let c, let d, let q) = inner.op else { return nil }
        // Operands in evaluation order, so their errors merge in the scalar evaluator's order.
        let (ls, lc, ld): (Lanes, Lanes, Lanes)
        if innerOnLeft {
            (lc, ld) = (run(c, start, n), run(d, start, n))
            ls = run(single, start, n)
        } else {
            ls = run(single, start, n)
            (lc, ld) = (run(c, start, n), run(d, start, n))
        }
        let innerOut = Destination(values: values(inner), validity: validity(inner))
        if ls.errors.isEmpty && lc.errors.isEmpty && ld.errors.isEmpty
            && !Kernels.fused(
                op, innerOp, innerOnLeft: innerOnLeft, ls.realInput, lc.realInput, ld.realInput,
                out.values.assumingMemoryBound(to: Double.self), n)
        {
            let cd = Kernels.and(lc.validity, ld.validity, into: innerOut.validity, n)
            return Lanes(values: out.values, validity: Kernels.and(ls.validity, cd, into: out.validity, n))
        }
        let li = arithmetic(inner, innerOp, lc, ld, n, innerOut) { x, y in try Self.binary(innerOp, inner.type, x, y, at: q) }
        let (la, lb) = innerOnLeft ? (li, ls) : (ls, li)
        return arithmetic(node, op, la, lb, n, out) { x, y in try Self.binary(op, node.type, x, y, at: p) }
    }

    /// The scalar evaluator's `x op y` on values of `type`: the oracle for flagged rows.
    static func binary(_ op: ArithmeticOperator, _ type: ExpressionType, _ x: Value, _ y: Value, at p: SourcePosition) throws
        -> Value
    {
        try Operators.binary(op.rawValue, Compiled(type, constant: x), Compiled(type, constant: y), at: p).compiled.evaluate()
    }

    /// `+ - * / %` and negation: the kernel over the chunk, then the scalar operator (`oracle`)
    /// for any row the kernel flags.
    private func arithmetic(
        _ node: BatchNode, _ op: ArithmeticOperator, _ la: Lanes, _ lb: Lanes, _ n: Int, _ out: Destination,
        oracle: (Value, Value) throws -> Value
    ) -> Lanes {
        let validity = Kernels.and(la.validity, lb.validity, into: out.validity, n)
        var result = Lanes(values: out.values, validity: validity, errors: la.errors.merged(with: lb.errors))
        let flagged: Bool
        let fails: (Int) -> Bool
        switch node.kind {
        case .real:
            let r = out.values.assumingMemoryBound(to: Double.self)
            flagged = Kernels.real(op, la.realInput, lb.realInput, r, n, r4: node.type.dataType == .r4)
            fails = { Kernels.nonFinite(r[$0]) != 0 }
        default:
            let range = Kernels.range(node.type.dataType)
            let a = la.ints(), b = lb.ints()
            flagged = Kernels.int(op, a, b, out.values.assumingMemoryBound(to: Int64.self), n, range)
            fails = { Kernels.intFails(op, a[$0], b[$0], range) }
        }
        if flagged {
            let own = recheck(n, validity, result.errors, node, out, fails: fails) { i in
                try oracle(Self.value(la, i, node.kind, node.type), Self.value(lb, i, node.kind, node.type))
            }
            result.errors = result.errors.merged(with: own)
        }
        return result
    }

    /// Re-evaluates with the scalar `oracle` the rows that are valid, did not fail in an operand,
    /// and that `fails` picks: a value replaces the lane, an error becomes the row's error.
    private func recheck(
        _ n: Int, _ validity: UnsafePointer<UInt64>?, _ failed: [RowError], _ node: BatchNode, _ out: Destination,
        fails: (Int) -> Bool, oracle: (Int) throws -> Value
    ) -> [RowError] {
        let skip = failed.isEmpty ? [] : failed.rows
        var errors: [RowError] = []
        for i in 0..<n where (validity.map { Kernels.bit($0, i) } ?? true) && fails(i) && !skip.contains(i) {
            do {
                let v = try oracle(i)
                _ = Self.store(v, node.kind, out.values, i)
            } catch {
                errors.append(RowError(row: i, error: error))
            }
        }
        return errors
    }

    // MARK: - Leaves

    /// A column's lanes: the column's own memory for `DT_R8`, `DT_I8` and `DT_BOOL` (chunks
    /// start on a multiple of 64 rows, so bitmaps are word-aligned), widened copies otherwise.
    private func load(_ column: Column, _ start: Int, _ n: Int, _ out: Destination) -> Lanes {
        let validity = column.validityBuffer.map {
            UnsafePointer(($0.bytes + start / 8).assumingMemoryBound(to: UInt64.self))
        }
        let base = UnsafeRawPointer(column.valueBuffer.bytes)
        func widen<T>(_: T.Type, _ f: (T) -> Int64) -> Lanes {
            let a = (base + start * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
            let r = out.values.assumingMemoryBound(to: Int64.self)
            for i in 0..<n { r[i] = f(a[i]) }
            return Lanes(values: out.values, validity: validity)
        }
        switch column.dataType {
        case .r8, .i8: return Lanes(values: base + start * 8, validity: validity)
        case .bool: return Lanes(values: base + start / 8, validity: validity)
        case .r4:
            let a = (base + start * 4).assumingMemoryBound(to: Float.self)
            let r = out.values.assumingMemoryBound(to: Double.self)
            for i in 0..<n { r[i] = Double(a[i]) }
            return Lanes(values: out.values, validity: validity)
        case .dbDate:
            // Seconds since the reference date, as `Date` compares (BatchPlanner.planDate).
            let a = (base + start * 4).assumingMemoryBound(to: Int32.self)
            let r = out.values.assumingMemoryBound(to: Double.self)
            for i in 0..<n { r[i] = Double(a[i]) * Self.secondsPerDay - Self.referenceDateSince1970 }
            return Lanes(values: out.values, validity: validity)
        case .i1: return widen(Int8.self) { Int64($0) }
        case .i2: return widen(Int16.self) { Int64($0) }
        case .i4: return widen(Int32.self) { Int64($0) }
        case .ui1: return widen(UInt8.self) { Int64($0) }
        case .ui2: return widen(UInt16.self) { Int64($0) }
        case .ui4: return widen(UInt32.self) { Int64($0) }
        default: preconditionFailure("\(column.dataType.rawValue) has no lanes")
        }
    }

    /// A subtree the scalar evaluator computes, row by row, into lanes.
    private func runFallback(_ node: BatchNode, _ evaluate: Evaluator, _ start: Int, _ n: Int, _ out: Destination) -> Lanes {
        let words = Kernels.words(n)
        out.validity.update(repeating: 0, count: words)
        if node.kind == .bool { out.values.assumingMemoryBound(to: UInt64.self).update(repeating: 0, count: words) }
        var errors: [RowError] = []
        for i in 0..<n {
            row = start + i
            let v: Value
            do { v = try evaluate() } catch {
                errors.append(RowError(row: i, error: error))
                continue
            }
            if v.isNull { continue }
            guard Self.store(v, node.kind, out.values, i) else {
                let reason = "internal: a \(v.kind.rawValue) value where \(node.type) was expected"
                errors.append(RowError(row: i, error: SluiceError(.expressionType, ["line": "1", "column": "1", "reason": reason])))
                continue
            }
            Kernels.setBit(out.validity, i, true)
        }
        return Lanes(values: out.values, validity: UnsafePointer(out.validity), errors: errors)
    }

    // MARK: - Values and lanes

    /// Row `i` of lanes as the ``Value`` the scalar evaluator would hold for `type`.
    static func value(_ l: Lanes, _ i: Int, _ kind: LaneKind, _ type: ExpressionType) -> Value {
        guard l.isValid(i) else { return .null }
        switch kind {
        case .int:
            let x = l.ints()[i]
            return type.isSignedInteger ? .int(x) : .uint(UInt64(bitPattern: x))
        case .real: return .real(l.reals()[i])
        case .bool: return .bool(Kernels.bit(l.words(), i))
        }
    }

    /// Writes a non-NULL value into row `i` of lanes; false when it has no lanes of `kind`.
    static func store(_ v: Value, _ kind: LaneKind, _ lanes: UnsafeMutableRawPointer, _ i: Int) -> Bool {
        switch kind {
        case .int:
            guard let x = v.int64 else { return false }
            lanes.assumingMemoryBound(to: Int64.self)[i] = x
        case .real:
            guard let d = v.double else { return false }
            lanes.assumingMemoryBound(to: Double.self)[i] = d
        case .bool:
            guard let b = v.bool else { return false }
            Kernels.setBit(lanes.assumingMemoryBound(to: UInt64.self), i, b)
        }
        return true
    }
}
