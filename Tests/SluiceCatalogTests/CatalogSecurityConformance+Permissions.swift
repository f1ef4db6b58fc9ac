import Foundation
import SluiceCatalog
import SluiceCore
import Testing

/// Permissions, roles and the decisions made with them, on a real store.
extension CatalogSecurityConformance {
    func caller(_ name: String) -> CatalogCaller { CatalogCaller(user: name, isAdministrator: false, tokenID: nil) }

    /// A store with folder Finance (made by alice) holding project Warehouse (Load, Publish;
    /// deployed by alice), and users root (administrator), alice, bob, carol.
    func populated() async throws -> any CatalogSecurityStore {
        let store = try await make()
        try await store.createUser("root", password: Self.password, isAdministrator: true, by: "setup")
        for name in ["alice", "bob", "carol"] { try await store.createUser(name, password: Self.password, isAdministrator: false, by: "root") }
        try await store.createFolder("Finance", description: "", by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "alice")
        return store
    }

    func permissionsAreSetReplacedRevokedAndListed() async throws {
        let store = try await populated()
        let finance = CatalogSecurable.folder("Finance")
        let warehouse = CatalogSecurable.project(folder: "Finance", project: "Warehouse")
        try await store.setPermission(.readObjects, .grant, for: "bob", on: finance, by: "alice")
        try await store.setPermission(.read, .grant, for: "BOB", on: warehouse, by: "alice")
        try await store.setPermission(.read, .deny, for: "bob", on: warehouse, by: "root")
        let entries = try await store.permissions(on: warehouse)
        #expect(entries.map { [$0.user, $0.permission.rawValue, $0.state.rawValue, $0.setBy] } == [["bob", "READ", "deny", "root"]])
        #expect(try await store.permissions(on: finance).map(\.permission) == [.readObjects])
        #expect(try await store.effectivePermissions(of: caller("bob"), on: warehouse).isEmpty)
        try await store.revokePermission(.read, for: "bob", on: warehouse, by: "alice")
        #expect(try await store.permissions(on: warehouse).isEmpty)
        #expect(try await store.effectivePermissions(of: caller("bob"), on: warehouse) == [.read])
        // Refused: folder-only permissions on a project, anything on a package, unknown users and objects.
        try await expectCode(.catalogSecurityNotApplicable) { try await store.setPermission(.createObjects, .grant, for: "bob", on: warehouse, by: "x") }
        let load = CatalogSecurable.package(folder: "Finance", project: "Warehouse", package: "Load")
        try await expectCode(.catalogSecurityNotApplicable) { try await store.setPermission(.read, .grant, for: "bob", on: load, by: "x") }
        try await expectCode(.catalogUserNotFound) { try await store.setPermission(.read, .grant, for: "nobody", on: finance, by: "x") }
        try await expectCode(.catalogFolderNotFound) { try await store.setPermission(.read, .grant, for: "bob", on: .folder("Nowhere"), by: "x") }
        try await expectCode(.catalogProjectNotFound) {
            try await store.setPermission(.read, .grant, for: "bob", on: .project(folder: "Finance", project: "Nothing"), by: "x")
        }
        #expect(try await store.permissions(on: warehouse).isEmpty)
        let log = try await store.operations(CatalogOperationFilter(objectName: "Finance/Warehouse"))
        #expect(log.filter { $0.kind == .setProjectPermission }.map(\.outcome) == [.failed, .succeeded, .succeeded])
        #expect(log.contains { $0.kind == .revokeProjectPermission && $0.outcome == .succeeded })
    }

    func grantsFollowRenamesAndMovesAndGoWithDeletes() async throws {
        let store = try await populated()
        try await store.setPermission(.readObjects, .grant, for: "bob", on: .folder("Finance"), by: "alice")
        try await store.setPermission(.modify, .grant, for: "carol", on: .project(folder: "Finance", project: "Warehouse"), by: "alice")
        try await store.renameFolder("Finance", to: "Treasury", by: "alice")
        #expect(try await store.effectivePermissions(of: caller("bob"), on: .project(folder: "Treasury", project: "Warehouse")) == [.read])
        try await store.createFolder("Archive", description: "", by: "root")
        try await store.moveProject("Warehouse", from: "Treasury", to: "Archive", by: "root")
        let moved = CatalogSecurable.project(folder: "Archive", project: "Warehouse")
        // The project's own grant moves with it; the old folder's grant stays behind.
        #expect(try await store.effectivePermissions(of: caller("carol"), on: moved) == [.modify])
        #expect(try await store.effectivePermissions(of: caller("bob"), on: moved).isEmpty)
        try await store.deleteProject("Warehouse", inFolder: "Archive", by: "root")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Archive", by: "root")
        #expect(try await store.permissions(on: moved).isEmpty)
        #expect(try await store.effectivePermissions(of: caller("carol"), on: moved).isEmpty)
        // A deleted folder's grants go with it: a new folder (which SQLite may give the same
        // id) starts with none.
        try await store.setPermission(.read, .grant, for: "bob", on: .folder("Archive"), by: "root")
        try await store.deleteFolder("Archive", recursive: true, by: "root")
        try await store.createFolder("Fresh", description: "", by: "root")
        #expect(try await store.permissions(on: .folder("Fresh")).isEmpty)
        // A user's grants go with the user, and a new user of that name gets none of them.
        try await store.setPermission(.read, .grant, for: "carol", on: .folder("Fresh"), by: "root")
        try await store.deleteUser("carol", by: "root")
        #expect(try await store.permissions(on: .folder("Fresh")).isEmpty)
        try await store.createUser("carol", password: Self.password, isAdministrator: false, by: "root")
        #expect(try await store.permissions(on: .folder("Fresh")).isEmpty)
        #expect(try await store.effectivePermissions(of: caller("carol"), on: .folder("Fresh")).isEmpty)
    }

    func rolesAreSetAsAWholeAndSurviveARedeploy() async throws {
        let store = try await populated()
        let load = CatalogSecurable.package(folder: "Finance", project: "Warehouse", package: "Load")
        try await store.setRoles(of: .folder("Finance"), readers: ["bob", "BOB"], writers: ["carol"], by: "alice")
        #expect(try await store.roles(of: .folder("finance")) == CatalogRoles(owner: "alice", readers: ["bob"], writers: ["carol"]))
        try await store.setRoles(of: .folder("Finance"), readers: [], writers: ["bob"], by: "alice")
        #expect(try await store.roles(of: .folder("Finance")) == CatalogRoles(owner: "alice", readers: [], writers: ["bob"]))
        try await store.setRoles(of: load, readers: ["carol"], writers: [], by: "alice")
        try await store.deployProject(try CatalogFixture.archive(in: directory), as: "Warehouse", into: "Finance", by: "bob")
        let roles = try await store.roles(of: .package(folder: "Finance", project: "Warehouse", package: "Load.sluice.json"))
        #expect(roles == CatalogRoles(owner: "alice", readers: ["carol"], writers: []))
        try await expectCode(.catalogUserNotFound) { try await store.setRoles(of: load, readers: ["carol", "nobody"], writers: [], by: "alice") }
        try await expectCode(.catalogRolesTooMany) {
            try await store.setRoles(of: load, readers: (0...1000).map { "user\($0)" }, writers: [], by: "alice")
        }
        try await expectCode(.catalogSecurityNotApplicable) {
            try await store.setRoles(of: .project(folder: "Finance", project: "Warehouse"), readers: [], writers: [], by: "alice")
        }
        try await expectCode(.catalogPackageNotFound) {
            try await store.setRoles(of: .package(folder: "Finance", project: "Warehouse", package: "Nothing"), readers: [], writers: [], by: "alice")
        }
        #expect(try await store.roles(of: load).readers == ["carol"])
        let log = try await store.operations(CatalogOperationFilter(kind: .setPackageRoles))
        #expect(log.map(\.outcome) == [.failed, .failed, .failed, .succeeded])
    }

    func whatACallerHoldsFollowsGrantsRolesOwnersAndDenies() async throws {
        let store = try await populated()
        let finance = CatalogSecurable.folder("Finance")
        let warehouse = CatalogSecurable.project(folder: "Finance", project: "Warehouse")
        let load = CatalogSecurable.package(folder: "Finance", project: "Warehouse", package: "Load")
        let publish = CatalogSecurable.package(folder: "Finance", project: "Warehouse", package: "Publish")
        let everything = [finance, warehouse, load, publish]
        // The owner holds both folder roles and both roles of the packages of the project made.
        #expect(try await store.effectivePermissions(of: caller("alice"), on: finance) == CatalogAccessRulesTests.writer)
        #expect(try await store.effectivePermissions(of: caller("alice"), on: load) == [.read, .execute, .modify])
        // Nobody else holds anything by default.
        for object in everything { #expect(try await store.effectivePermissions(of: caller("bob"), on: object).isEmpty) }
        #expect(try await store.readable(everything, by: caller("bob")).isEmpty)
        // A package reader reads that package only.
        try await store.setRoles(of: load, readers: ["bob"], writers: [], by: "alice")
        #expect(try await store.readable(everything, by: caller("bob")) == [load])
        // A folder reader reads everything in the folder, unless a deny says otherwise.
        try await store.setRoles(of: finance, readers: ["carol"], writers: [], by: "alice")
        #expect(try await store.readable(everything, by: caller("carol")) == everything)
        try await store.setPermission(.read, .deny, for: "carol", on: warehouse, by: "alice")
        #expect(try await store.readable(everything, by: caller("carol")) == [finance])
        #expect(try await store.effectivePermissions(of: caller("carol"), on: warehouse) == [.execute])
        // Administrators hold everything; the store's record decides, not the caller's claim.
        let root = try await store.effectivePermissions(of: caller("root"), on: finance)
        #expect(root == Set(CatalogPermission.allCases))
        let claimed = CatalogCaller(user: "bob", isAdministrator: true, tokenID: nil)
        #expect(try await store.effectivePermissions(of: claimed, on: warehouse).isEmpty)
        // A disabled or unknown user holds nothing.
        try await store.updateUser("alice", CatalogUserUpdate(isDisabled: true), by: "root")
        #expect(try await store.effectivePermissions(of: caller("alice"), on: finance).isEmpty)
        #expect(try await store.readable(everything, by: caller("nobody")).isEmpty)
        // Absent objects hold nothing.
        #expect(try await store.effectivePermissions(of: caller("carol"), on: .project(folder: "Finance", project: "Other")).isEmpty)
        #expect(try await store.effectivePermissions(of: caller("carol"), on: .folder("Other")).isEmpty)
    }
}
