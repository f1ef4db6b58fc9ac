import SluiceCore
import Testing

/// The one redactor of a run (docs/sensitive-values.md).
@Suite struct SensitiveTextsTests {
    @Test func masksEveryOccurrenceInAnyCaseTheLongestTextFirst() {
        let secrets = SensitiveTexts()
        secrets.add(.string("Sekr3t"))
        secrets.add(.string("Sekr3t-Value-42"))
        #expect(secrets.redact("a Sekr3t-Value-42 b SEKR3T c sekr3t-value-42") == "a ******** b ******** c ********")
        #expect(secrets.redact("nothing here") == "nothing here")
    }

    @Test func leavesTextsShorterThanFourCharactersAlone() {
        let secrets = SensitiveTexts()
        secrets.add(.string("abc"))
        secrets.add(.int(7))
        secrets.add(.null)
        #expect(secrets.isEmpty)
        #expect(secrets.redact("abc 7 NULL") == "abc 7 NULL")
    }

    @Test func findsASecretInsideAValue() {
        let secrets = SensitiveTexts()
        secrets.add(.int(123456))
        #expect(secrets.occurs(in: .string("pin=123456;")))
        #expect(!secrets.occurs(in: .string("pin=12345")))
        #expect(!secrets.occurs(in: .int(123456)))  // only text is searched; the value's own taint covers the rest
    }

    @Test func keepsAtMostItsCapacity() {
        let secrets = SensitiveTexts()
        for i in 0..<(SensitiveTexts.capacity + 10) { secrets.add(.string("secret-\(i)-end")) }
        #expect(secrets.redact("secret-0-end") == "********")
        #expect(secrets.redact("secret-\(SensitiveTexts.capacity + 5)-end") == "secret-\(SensitiveTexts.capacity + 5)-end")
    }

    @Test func aSensitiveValueThatDoesNotParseIsNotQuoted() {
        #expect(throws: SluiceError.self) { try Value.parse("Sekr3t", as: .i4, sensitive: true) }
        do {
            _ = try Value.parse("Sekr3t", as: .i4, sensitive: true)
        } catch let error as SluiceError {
            #expect(!error.description.contains("Sekr3t"), "\(error)")
            #expect(error.message == .typeMismatch)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func typedValuesAreEqualWhateverTheirMark() {
        #expect(TypedValue(.i4, .int(1), sensitive: true) == TypedValue(.i4, .int(1)))
        #expect(TypedValue(.i4, .int(1), sensitive: true).shown == "********")
    }
}
