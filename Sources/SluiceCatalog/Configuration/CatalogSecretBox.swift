import Crypto
import Foundation
import SluiceCore

/// Seals and opens the catalog's sensitive values with AES-GCM under the catalog's key.
///
/// Each value gets a fresh random nonce (AES.GCM's default), and the identity of the row that
/// holds it as authenticated data: a sealed value copied into another row, or altered, does
/// not open. The stored form is AES.GCM's combined one: nonce, ciphertext, tag.
struct CatalogSecretBox: Sendable {
    let key: SymmetricKey
    /// The store, for messages.
    let store: String

    func seal(_ text: String, row identity: String) throws -> Data {
        do {
            guard let combined = try AES.GCM.seal(Data(text.utf8), using: key, authenticating: Data(identity.utf8)).combined else {
                throw SluiceError(.catalogSecretUnreadable, ["store": store, "what": identity])
            }
            return combined
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError(.catalogSecretUnreadable, ["store": store, "what": identity], cause: error)
        }
    }

    /// - Throws: `SLUICE_E_CATALOG_SECRET_UNREADABLE` when the value was altered, moved, or
    ///   sealed under another key.
    func open(_ sealed: Data, row identity: String) throws -> String {
        do {
            let box = try AES.GCM.SealedBox(combined: sealed)
            let clear = try AES.GCM.open(box, using: key, authenticating: Data(identity.utf8))
            guard let text = String(data: clear, encoding: .utf8) else {
                throw SluiceError(.catalogSecretUnreadable, ["store": store, "what": identity])
            }
            return text
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError(.catalogSecretUnreadable, ["store": store, "what": identity], cause: error)
        }
    }

    // The rows' identities: what a sealed value is bound to.

    static func parameterRow(project: Int64, packageKey: String, parameter: String) -> String {
        "parameter \(project)/\(packageKey)/\(parameter)"
    }

    static func variableRow(environment: UUID, variableKey: String) -> String {
        "variable \(environment.uuidString)/\(variableKey)"
    }

    static let keyCheckRow = "key check"
    static let keyCheckText = "sluice catalog key"
}
