import SluiceCore
import Testing

@testable import SluiceComponents

/// The Flat File source's error output text column is built through a checked path: text past
/// what int32 offsets hold is a coded error, never a trap (the limit is lowered here; the real
/// one is 2 GiB).
@Suite struct FlatFileErrorTextTests {
    @Test func errorTextWithinTheLimitBecomesAColumn() throws {
        let column = try FlatFileSource.errorTextColumn(["abc", "de"], type: .text, component: "Read", limit: 5)
        #expect(column.allValues == [.string("abc"), .string("de")])
    }

    @Test func errorTextPastTheLimitIsACodedErrorNamingTheComponent() throws {
        let error = #expect(throws: SluiceError.self) {
            _ = try FlatFileSource.errorTextColumn(["abc", "def"], type: .text, component: "Read", limit: 5)
        }
        #expect(error?.message == .flatFileErrorTextTooLarge)
        #expect(error?.description.contains("Read") == true)
        #expect(error?.description.contains("6 bytes") == true)
    }
}
