/// The locale a package's `LocaleID` names, as far as expressions need it: the order of day,
/// month and year when text converts to a date, and the decimal separator when text converts
/// to a number. String ordering is the same rule in every supported locale (see
/// `docs/expressions.md`, "Locale and conversions").
///
/// ```swift
/// let locale = try PackageLocale(id: 2057)   // en-GB: "11/04/2002" is 11 April 2002
/// ```
///
/// SSIS takes `LocaleID` from Windows' LCIDs; Sluice knows the ones listed in ``supported``
/// and refuses the others with SLUICE_E_LOCALE_UNSUPPORTED rather than guess their formats.
public struct PackageLocale: Sendable, Hashable, CustomStringConvertible {
    /// How a date written with numbers only (`11/04/2002`) orders its parts.
    public enum DateOrder: Sendable, Hashable {
        case monthDayYear, dayMonthYear
    }

    /// The Windows LCID (1033 for en-US).
    public let id: Int
    /// The culture name (`en-US`).
    public let name: String
    public let dateOrder: DateOrder
    /// `.` or `,`.
    public let decimalSeparator: Character

    private init(_ id: Int, _ name: String, _ dateOrder: DateOrder, _ decimalSeparator: Character) {
        self.id = id
        self.name = name
        self.dateOrder = dateOrder
        self.decimalSeparator = decimalSeparator
    }

    /// en-US, SSIS's default `LocaleID`.
    public static let englishUnitedStates = PackageLocale(1033, "en-US", .monthDayYear, ".")
    public static let englishUnitedKingdom = PackageLocale(2057, "en-GB", .dayMonthYear, ".")
    public static let germanGermany = PackageLocale(1031, "de-DE", .dayMonthYear, ",")
    public static let frenchFrance = PackageLocale(1036, "fr-FR", .dayMonthYear, ",")

    public static let supported: [PackageLocale] = [englishUnitedStates, englishUnitedKingdom, germanGermany, frenchFrance]

    /// The locale of an LCID.
    ///
    /// - Throws: SLUICE_E_LOCALE_UNSUPPORTED for an LCID not in ``supported``.
    public init(id: Int) throws {
        guard let known = Self.supported.first(where: { $0.id == id }) else {
            throw SluiceError(.localeUnsupported, [
                "locale": String(id),
                "supported": Self.supported.map { "\($0.id) (\($0.name))" }.joined(separator: ", "),
            ])
        }
        self = known
    }

    public var description: String { "\(id) (\(name))" }
}
