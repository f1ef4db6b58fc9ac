import GRDB

/// A stored value this Sluice cannot read back (a kind written by a newer one, a damaged
/// file): the operation fails with `SLUICE_E_CATALOG_STORE_FAILED` naming the column, rather
/// than inventing a value.
struct CatalogRowInvalid: Error, CustomStringConvertible {
    var column: String
    var value: String

    var description: String { "the stored \(column) \"\(value)\" is not one this Sluice knows" }

    static func parse<T>(_ row: Row, _ column: String, _ make: (String) -> T?) throws -> T {
        let text: String = row[column] ?? ""
        guard let value = make(text) else { throw CatalogRowInvalid(column: column, value: text) }
        return value
    }
}
