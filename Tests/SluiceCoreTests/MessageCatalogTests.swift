import Testing
import SluiceCore

@Suite struct MessageCatalogTests {
    @Test func everyCodeIsUnique() {
        var seen: [Int32: String] = [:]
        for m in MessageCatalog.all {
            #expect(seen[m.code] == nil, "\(m.code) is used by \(seen[m.code] ?? "") and \(m.name)")
            seen[m.code] = m.name
        }
    }

    @Test func everyNameIsUnique() {
        let names = MessageCatalog.all.map(\.name)
        #expect(Set(names).count == names.count, "\(names.filter { n in names.filter { $0 == n }.count > 1 })")
    }

    @Test func theCatalogIsInCodeOrder() {
        let codes = MessageCatalog.all.map(\.code)
        #expect(codes == codes.sorted())
    }

    @Test func everyNameStartsWithItsSeverityPrefixAndUsesOnlyCapitalsDigitsAndUnderscores() throws {
        let shape = try Regex("^SLUICE_(E|W|I)_[A-Z0-9_]+$")
        for m in MessageCatalog.all {
            #expect(m.name.wholeMatch(of: shape) != nil, "\(m.name)")
            #expect(m.name.hasPrefix(m.severity.namePrefix), "\(m.name) is \(m.severity)")
        }
    }

    @Test func severityFollowsTheNamePrefix() {
        #expect(SluiceMessage.packageNotFound.severity == .error)
        #expect(SluiceMessage.maximumErrorCountReached.severity == .warning)
        #expect(SluiceMessage.packageStarted.severity == .information)
        #expect(SluiceMessage.Severity.allCases.map(\.namePrefix) == ["SLUICE_E_", "SLUICE_W_", "SLUICE_I_"])
    }

    @Test func everyCodeBelongsToAKnownArea() {
        for m in MessageCatalog.all {
            #expect((10000..<90000).contains(m.code), "\(m.name) has code \(m.code)")
        }
    }

    @Test func everyMessageHasATemplate() {
        for m in MessageCatalog.all {
            #expect(!m.template.isEmpty, "\(m.name)")
            #expect(m.template.filter { $0 == "{" }.count == m.template.filter { $0 == "}" }.count, "\(m.name)")
        }
    }

    @Test func findsAMessageByCode() {
        #expect(MessageCatalog.lookup("10001") == .packageNotFound)
        #expect(MessageCatalog.lookup("10013") == .typeMismatch)
        #expect(MessageCatalog.lookup("99999") == nil)
        for m in MessageCatalog.all {
            #expect(MessageCatalog.lookup(String(m.code)) == m)
        }
    }

    @Test func findsAMessageByNameInAnyCaseWithOrWithoutTheSluicePrefix() {
        #expect(MessageCatalog.lookup("SLUICE_E_PACKAGE_NOT_FOUND") == .packageNotFound)
        #expect(MessageCatalog.lookup("sluice_e_package_not_found") == .packageNotFound)
        #expect(MessageCatalog.lookup("E_TYPE_MISMATCH") == .typeMismatch)
        #expect(MessageCatalog.lookup("w_run_canceled") == .runCanceled)
        #expect(MessageCatalog.lookup("PACKAGE_NOT_FOUND") == nil)
        #expect(MessageCatalog.lookup("") == nil)
        for m in MessageCatalog.all {
            #expect(MessageCatalog.lookup(m.name) == m)
        }
    }

    @Test func rendersATemplateWithItsInserts() {
        #expect(SluiceMessage.jsonMalformed.render(["line": "3", "column": "7", "reason": "oops"])
            == "Malformed JSON at line 3, column 7: oops")
        #expect(SluiceMessage.packageNotFound.render(["path": "/tmp/x.json", "unused": "y"])
            == "Package file \"/tmp/x.json\" was not found.")
    }

    @Test func leavesAMissingInsertVisible() {
        #expect(SluiceMessage.typeMismatch.render(["value": "\"abc\""]) == "Cannot convert \"abc\" to {type}: {reason}")
    }

    @Test func neverReplacesInsideAnInsertedValue() {
        // A path or a reason may contain braces; they are data, not placeholders.
        for _ in 0..<20 {
            let text = SluiceMessage.packageUnreadable.render(["path": "/data/{reason}/{path}.json", "reason": "denied {path}"])
            #expect(text == "Package file \"/data/{reason}/{path}.json\" could not be read: denied {path}")
        }
    }

    @Test func listsTheInsertNamesOfATemplate() {
        #expect(SluiceMessage.jsonMalformed.insertNames == ["line", "column", "reason"])
        #expect(SluiceMessage.sqlNoRow.insertNames == [])
        #expect(SluiceMessage.typeMismatch.insertNames == ["value", "type", "reason"])
    }

    @Test func anErrorCarriesItsCodeNameAndText() {
        let error = SluiceError(.packageNotFound, ["path": "/nope.json"])
        #expect(error.code == 10001)
        #expect(error.name == "SLUICE_E_PACKAGE_NOT_FOUND")
        #expect(error.text == "Package file \"/nope.json\" was not found.")
        #expect(error.description == "SLUICE_E_PACKAGE_NOT_FOUND (10001): Package file \"/nope.json\" was not found.")
    }

    @Test func wrappingKeepsASluiceErrorAndWrapsAnyOther() {
        struct Plain: Error {}
        let original = SluiceError(.sqlNoRow)
        #expect(SluiceError.wrapping(original, as: .taskFailed).message == .sqlNoRow)
        let wrapped = SluiceError.wrapping(Plain(), as: .taskFailed, ["task": "T"])
        #expect(wrapped.message == .taskFailed)
        #expect(wrapped.inserts["task"] == "T")
        #expect(wrapped.inserts["reason"] == "Plain()")
        #expect(wrapped.cause is Plain)
    }
}
