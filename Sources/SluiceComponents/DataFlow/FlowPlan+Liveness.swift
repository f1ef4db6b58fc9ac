import SluiceCore

/// Which columns anything downstream reads, so that a source leaves out the rest (projection
/// pushdown: q1 reads 7 of lineitem's 16 columns, and the Flat File source converts only those).
///
/// One backward pass in reverse topological order, linear in components + paths + columns:
/// an output needs what every input it feeds needs; an input needs what its component reads
/// (``BoundComponent/reads``, nil: every column) plus what its synchronous outputs pass on,
/// less the columns those outputs add themselves.
enum ColumnLiveness {
    /// Per component, per model output: the names of the columns read downstream of it; nil
    /// when some component downstream reads every column it is given.
    static func needed(
        _ flow: DataFlow, bound: [BoundComponent], links: [(from: Int, output: Int, to: Int, input: Int)], order: [Int]
    ) -> [[Set<String>?]] {
        let components = flow.components
        var feeds = components.map { c in [[(to: Int, input: Int)]](repeating: [], count: c.outputs.count) }
        for link in links where feeds[link.from].indices.contains(link.output) {
            feeds[link.from][link.output].append((link.to, link.input))
        }
        var needIn = components.map { c in [Set<String>?](repeating: nil, count: c.inputs.count) }
        var needOut = components.map { c in [Set<String>?](repeating: nil, count: c.outputs.count) }
        for c in order.reversed() {
            let model = components[c]
            for o in model.outputs.indices {
                var need: Set<String>? = []
                for (to, input) in feeds[c][o] {
                    guard let n = needIn[to].indices.contains(input) ? needIn[to][input] : nil else {
                        need = nil
                        break
                    }
                    need?.formUnion(n)
                }
                needOut[c][o] = need
            }
            for i in model.inputs.indices {
                let reads = bound[c].reads
                guard let own = reads?.indices.contains(i) == true ? reads?[i] : nil else { continue }
                var need: Set<String>? = own
                for (o, output) in model.outputs.enumerated() where output.synchronousInput == model.inputs[i].name {
                    guard let passed = needOut[c][o] else {
                        need = nil
                        break
                    }
                    need?.formUnion(passed.subtracting(output.columns.map(\.name)))
                }
                needIn[c][i] = need
            }
        }
        return needOut
    }
}
