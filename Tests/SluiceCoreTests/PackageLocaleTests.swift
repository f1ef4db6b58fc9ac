import Foundation
import SluiceCore
import Testing

/// The package's `LocaleID` (SSIS Package.LocaleID): en-US unless the file says otherwise.
@Suite struct PackageLocaleTests {
    private func decode(_ members: String) throws -> Package {
        let text = #"{"format": "sluice.package", "formatVersion": 1, "package": {"name": "P"\#(members)}}"#
        return try PackageFile.decode(Array(text.utf8))
    }

    @Test func aPackageIsEnglishUnitedStatesByDefault() throws {
        #expect(try decode("").locale == .englishUnitedStates)
        #expect(!PackageFile.encode(Package(name: "P")).contains("localeId"))
    }

    @Test func theLocaleIdReadsBackEqual() throws {
        var package = Package(name: "P")
        package.locale = .frenchFrance
        let text = PackageFile.encode(package)
        #expect(text.contains(#""localeId""#))
        #expect(try PackageFile.decode(Array(text.utf8)).locale == .frenchFrance)
    }

    @Test func anUnknownLocaleIdIsRefusedWithItsCode() {
        let error = #expect(throws: SluiceError.self) { try decode(#", "localeId": 1041"#) }
        #expect(error?.message == .localeUnsupported)
    }

    @Test func setSwitchesTheLocaleId() throws {
        var package = Package(name: "P")
        try PropertyPath.apply(#"\Package.LocaleID"#, value: "1031", to: &package)
        #expect(package.locale == .germanGermany)
        #expect(throws: SluiceError.self) { try PropertyPath.apply(#"\Package.LocaleID"#, value: "7", to: &package) }
    }
}
