import Foundation
import Testing

/// A broken data flow, through the real `sluice validate`: its graph problems, coded, fail validation.
@Suite struct DataFlowValidateCommandTests {
    @Test func aBrokenDataFlowFailsValidateWithItsCodes() throws {
        let f = try CLIFixture()
        let path = try f.write("""
            {"format": "sluice.package", "formatVersion": 1, "package": {"name": "P", "executables": [
              {"name": "Flow", "type": "dataFlow", "components": [
                {"name": "Read", "component": "sluice.flatFileSource",
                 "outputs": [{"name": "Output", "columns": [{"name": "id", "lineageId": 1, "type": "DT_I4"}]}]},
                {"name": "Write", "component": "sluice.flatFileDestination",
                 "inputs": [{"name": "Input", "columns": [{"lineageId": 1, "type": "DT_I8"}, {"lineageId": 9}]}]},
                {"name": "Orphan", "component": "sluice.rowCount", "inputs": [{"name": "Input"}]}],
               "paths": [{"from": "Read", "output": "Output", "to": "Write", "input": "Input"}]}]}}
            """, as: "broken-flow.json")
        let r = try f.sluice(["validate", path])
        #expect(r.status == 1, "\(r.transcript)")
        for code in ["SLUICE_E_DATAFLOW_INPUT_UNATTACHED (70011)", "SLUICE_E_DATAFLOW_COLUMN_TYPE_MISMATCH (70010)",
                     "SLUICE_E_DATAFLOW_COLUMN_MISSING (70008)"] {
            #expect(r.standardError.contains(code), "\(r.transcript)")
        }
        #expect(r.standardError.contains("\\P\\Flow"), "the problem names the data flow")
        #expect(r.standardError.contains("\"Orphan\""), "and the component")
    }
}
