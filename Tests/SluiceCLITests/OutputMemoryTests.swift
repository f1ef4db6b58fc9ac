import Foundation
import SluiceCore
import SluiceTestSupport
import Testing

/// Execute Process streams what a program prints: `sluice` keeps a bounded tail, not the
/// output. Measured in the real binary's own process (its peak resident memory, `VmHWM`, read
/// by a later task through `/proc/$PPID`), so other tests running at once cannot disturb it.
@Suite struct OutputMemoryTests {
    @Test func outputNoVariableWantsDoesNotGrowThePeakMemory() throws {
        let f = try CLIFixture()
        let peak = f.directory.appendingPathComponent("peak.txt").path
        var p = Package(name: "Loud")
        p.executables = [
            // 256 MiB through the task; kept whole, sluice's peak would grow by at least that.
            .task("Loud", component: "sluice.executeProcess", properties: [
                ("executable", "/bin/sh"), ("arguments", ["-c", "head -c 268435456 /dev/zero"]),
            ]),
            // The parent of this shell is sluice itself (children are spawned directly).
            .task("Peak", component: "sluice.executeProcess", properties: [
                ("executable", "/bin/sh"), ("arguments", ["-c", "grep VmHWM /proc/$PPID/status > \"$0\"", .string(peak)]),
            ]),
        ]
        p.connect("Loud", to: "Peak")
        let r = try f.sluice(["run", try f.save(p)])
        #expect(r.status == 0, "\(r.transcript)")
        let line = try String(contentsOfFile: peak, encoding: .utf8)  // "VmHWM:   31234 kB"
        let kilobytes = try #require(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap { Int($0) }, "\(line)")
        #expect(kilobytes < 128 * 1024, "sluice's peak resident memory was \(kilobytes / 1024) MiB for 256 MiB of output")
    }
}
