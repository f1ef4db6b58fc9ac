import Foundation
import SluiceCore
import Testing

@Suite struct PackageGraphScaleTests {
    /// 200 sequence containers of 1,000 chained tasks each: 200,000 tasks, 199,999 constraints.
    /// Time is measured in the benchmark, not asserted here.
    @Test func a200000TaskPackageIsDrawnWhole() {
        var p = Package(name: "Big")
        p.executables.reserveCapacity(200)
        for c in 0..<200 {
            var container = Executable("C\(c)", kind: .sequence)
            container.executables = (0..<1_000).map { .task("T\($0)", component: "sluice.setVariable") }
            container.constraints = (1..<1_000).map { PrecedenceConstraint(from: "T\($0 - 1)", to: "T\($0)") }
            p.executables.append(container)
        }
        p.constraints = (1..<200).map { PrecedenceConstraint(from: "C\($0 - 1)", to: "C\($0)") }
        let dot = PackageGraph.dot(p)
        var tasks = 0, edges = 0, clusters = 0
        for line in dot.split(separator: "\n") {
            if line.contains("label=\"T") { tasks += 1 }
            if line.contains(" -> ") { edges += 1 }
            if line.contains("subgraph cluster_") { clusters += 1 }
        }
        #expect(tasks == 200_000)
        #expect(clusters == 200)
        #expect(edges == 200 * 999 + 199)
        #expect(dot == PackageGraph.dot(p), "the same package gives the same text")
    }

    /// Containers nested 3,000 deep: the walk keeps its own stack, and indentation stops
    /// growing, so the text stays linear in the package.
    @Test func aDeepNestDoesNotRecurseOrGrowQuadratically() {
        var inner = Executable.task("Leaf", component: "sluice.setVariable")
        for depth in 0..<3_000 {
            var container = Executable("D\(depth)", kind: .sequence)
            container.executables = [inner]
            inner = container
        }
        var p = Package(name: "Deep")
        p.executables = [inner]
        let dot = PackageGraph.dot(p)
        #expect(dot.components(separatedBy: "subgraph cluster_").count - 1 == 3_000)
        #expect(dot.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces) == "}" }.count == 3_001)
        #expect(dot.utf8.count < 3_000 * 400)
        #expect(dot.contains("label=\"Leaf\\nsluice.setVariable\""))
    }
}
