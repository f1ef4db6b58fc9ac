import Foundation
import SluiceComponents
import SluiceCore
import SluiceRegistry
import SluiceRuntime
import SluiceTestSupport
import Testing

/// A package's `LocaleID` reaches the expressions its tasks run (SSIS: the package's LocaleID
/// decides how its expressions convert text to dates).
@Suite struct PackageLocaleRunTests {
    private func run(_ locale: PackageLocale) throws -> Value? {
        let f = try RuntimeFixture()
        var p = Package(name: "Locale")
        p.locale = locale
        p.variables = [Variable("User::Day", type: .i4, value: .int(0))]
        p.executables = [.task("Read", component: "sluice.expression",
                               properties: [("expression", .string(#"@[User::Day] = DAY((DT_DBTIMESTAMP)"11/04/2002")"#))])]
        let result = f.run(p)
        #expect(result.result == .success, "\(result.errors.map(\.message))")
        return result.variables["User::Day"]?.value
    }

    @Test func anExpressionTaskReadsDatesInThePackagesLocale() throws {
        #expect(try run(.englishUnitedStates) == .int(4))
        #expect(try run(.englishUnitedKingdom) == .int(11))
    }
}
