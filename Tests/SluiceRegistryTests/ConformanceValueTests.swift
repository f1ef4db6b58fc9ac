import CSluiceABI
import Testing

@testable import SluicePluginHost
@testable import SluiceRegistry

/// The pieces of `sluice plugins check` that judge plain data: values a plugin hands out and
/// the `--property` syntax. (The checks against real plugins are PluginsCheckCommandTests.)
@Suite struct ConformanceValueTests {
    @Test func acceptsEveryWellFormedValueKind() {
        var v = sluice_value()
        for kind in [SLUICE_VALUE_NULL, SLUICE_VALUE_INT64, SLUICE_VALUE_DOUBLE, SLUICE_VALUE_TIMESTAMP, SLUICE_VALUE_BOOL] {
            v.kind = kind
            #expect(ComponentProbe.problem(with: v) == nil)
        }
        "héllo".withCString { p in
            v.kind = SLUICE_VALUE_STRING
            v.as.string.data = p
            v.as.string.length = 6
            #expect(ComponentProbe.problem(with: v) == nil)
        }
    }

    @Test func namesWhatIsWrongWithABadValue() {
        var v = sluice_value()
        v.kind = 42
        #expect(ComponentProbe.problem(with: v)?.contains("kind 42") == true)
        v.kind = SLUICE_VALUE_BOOL
        v.as.boolean = 2
        #expect(ComponentProbe.problem(with: v)?.contains("BOOL of 2") == true)
        v = sluice_value()
        v.kind = SLUICE_VALUE_STRING
        v.as.string.length = 5
        #expect(ComponentProbe.problem(with: v)?.contains("NULL data") == true)
        v.as.string.length = -1
        #expect(ComponentProbe.problem(with: v)?.contains("length -1") == true)
        let latin1: [CChar] = [0x63, 0x61, 0x66, -23, 0]
        latin1.withUnsafeBufferPointer { p in
            v.as.string.data = p.baseAddress
            v.as.string.length = 4
            #expect(ComponentProbe.problem(with: v)?.contains("not valid UTF-8") == true)
        }
    }

    @Test func readsAPropertyAssignmentAtTheLastDotBeforeTheEqualsSign() {
        var options = ConformanceOptions()
        let accepted = options.addProperty("acme.file-log.path=/tmp/a.b=c")
        #expect(accepted)
        #expect(options.properties["acme.file-log"]?["path"] == "/tmp/a.b=c")
        for bad in ["nodot=1", "acme.log.path", ".path=1", "acme.=1"] {
            let accepted = options.addProperty(bad)
            #expect(!accepted, "\(bad)")
        }
    }
}
