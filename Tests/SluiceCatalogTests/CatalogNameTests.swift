import SluiceCatalog
import SluiceCore
import Testing

/// SSISDB's name rules (catalog.create_folder and its siblings: 1-128 characters, none of
/// chars 0-31 or `"<>|`, no leading or trailing space, not starting with `@`), in one place.
@Suite struct CatalogNameTests {
    @Test func namesWithinTheRulesAreAcceptedAsGiven() throws {
        for text in ["a", String(repeating: "x", count: 128), "Finance 2026", "Robert'); DROP TABLE folder;--", "50%_off", "a@b", "\u{65E5}\u{672C}"] {
            #expect(try CatalogName(text, kind: .folder).value == text)
        }
        // 128 is counted in UTF-16 units, as nvarchar(128) counts: 64 emoji fit, 65 do not.
        #expect(throws: SluiceError.self) { try CatalogName(String(repeating: "\u{1F600}", count: 65), kind: .folder) }
        _ = try CatalogName(String(repeating: "\u{1F600}", count: 64), kind: .folder)
    }

    @Test func eachRuleIsRefusedWithTheNameCodeNamingTheKind() {
        for (text, reason) in [
            ("", "empty"), (String(repeating: "x", count: 129), "longer than 128"), ("a\u{0}", "control"), ("a\u{9F}", "control"),
            ("a\"b", "character \""), ("a<b", "character <"), ("a>b", "character >"), ("a|b", "character |"),
            (" a", "space"), ("a ", "space"), ("@a", "starts with @"),
        ] {
            let error = #expect(throws: SluiceError.self) { try CatalogName(text, kind: .project) }
            #expect(error?.message == .catalogNameInvalid)
            #expect(error?.text.contains(reason) == true, "\(reason): \(error?.text ?? "")")
            #expect(error?.text.hasPrefix("The project name") == true)
        }
    }

    @Test func theKeyIgnoresCaseAndCanonicalEquivalence() throws {
        #expect(try CatalogName("Finance", kind: .folder).key == CatalogName("FINANCE", kind: .folder).key)
        #expect(try CatalogName("Caf\u{E9}", kind: .folder).key == CatalogName("CAFE\u{301}", kind: .folder).key)
        #expect(try CatalogName("Finance", kind: .folder).key != CatalogName("Finances", kind: .folder).key)
    }
}
