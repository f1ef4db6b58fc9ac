import SluiceCatalog
import Testing

/// The table of docs/catalog-api.md, "Who may do what", row by row, on the pure rules.
@Suite struct CatalogAccessRulesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var facts: CatalogAccessFacts
        var held: Set<CatalogPermission>
        var testDescription: String { label }
    }

    static let reader: Set<CatalogPermission> = [.read, .readObjects, .executeObjects]
    static let writer: Set<CatalogPermission> = reader.union([.modify, .createObjects, .modifyObjects])

    static let cases: [Case] = [
        // Folders: grants, roles, the owner, deny.
        Case(label: "folder: nothing held", facts: .init(target: .folder), held: []),
        Case(label: "folder: a grant gives that one", facts: .init(target: .folder, folderEntries: [.read: .grant]), held: [.read]),
        Case(label: "folder: MANAGE_PERMISSIONS granted", facts: .init(target: .folder, folderEntries: [.managePermissions: .grant]), held: [.managePermissions]),
        Case(label: "folder: reader role", facts: .init(target: .folder, folderRoles: [.reader]), held: reader),
        Case(label: "folder: writer role", facts: .init(target: .folder, folderRoles: [.writer]), held: writer),
        Case(label: "folder: owner holds both roles", facts: .init(target: .folder, folderRoles: [.reader, .writer]), held: writer),
        Case(
            label: "folder: a deny wins over the writer role", facts: .init(target: .folder, folderEntries: [.modify: .deny], folderRoles: [.writer]),
            held: writer.subtracting([.modify])),
        Case(label: "folder: a deny alone gives nothing", facts: .init(target: .folder, folderEntries: [.read: .deny]), held: []),
        // Projects: folder-level permissions, own grants, roles of the folder, deny.
        Case(label: "project: READ_OBJECTS gives READ", facts: .init(target: .project, folderEntries: [.readObjects: .grant]), held: [.read]),
        Case(label: "project: MODIFY_OBJECTS gives MODIFY", facts: .init(target: .project, folderEntries: [.modifyObjects: .grant]), held: [.modify]),
        Case(label: "project: EXECUTE_OBJECTS gives EXECUTE", facts: .init(target: .project, folderEntries: [.executeObjects: .grant]), held: [.execute]),
        Case(
            label: "project: MANAGE_OBJECT_PERMISSIONS gives MANAGE_PERMISSIONS",
            facts: .init(target: .project, folderEntries: [.manageObjectPermissions: .grant]), held: [.managePermissions]),
        Case(label: "project: CREATE_OBJECTS gives nothing on it", facts: .init(target: .project, folderEntries: [.createObjects: .grant]), held: []),
        Case(label: "project: READ on the folder is not READ_OBJECTS", facts: .init(target: .project, folderEntries: [.read: .grant]), held: []),
        Case(
            label: "project: its own grants", facts: .init(target: .project, objectEntries: [.read: .grant, .execute: .grant]), held: [.read, .execute]),
        Case(
            label: "project: its deny wins over READ_OBJECTS",
            facts: .init(target: .project, folderEntries: [.readObjects: .grant], objectEntries: [.read: .deny]), held: []),
        Case(
            label: "project: a folder deny of READ_OBJECTS wins over its own grant",
            facts: .init(target: .project, folderEntries: [.readObjects: .deny], objectEntries: [.read: .grant]), held: []),
        Case(label: "project: folder reader role", facts: .init(target: .project, folderRoles: [.reader]), held: [.read, .execute]),
        Case(label: "project: folder writer role", facts: .init(target: .project, folderRoles: [.writer]), held: [.read, .execute, .modify]),
        Case(
            label: "project: folder writer role, MODIFY_OBJECTS denied",
            facts: .init(target: .project, folderEntries: [.modifyObjects: .deny], folderRoles: [.writer]), held: [.read, .execute]),
        Case(
            label: "project: folder writer role, EXECUTE denied on it",
            facts: .init(target: .project, objectEntries: [.execute: .deny], folderRoles: [.writer]), held: [.read, .modify]),
        Case(
            label: "project: folder-only grants on it give nothing", facts: .init(target: .project, objectEntries: [.createObjects: .grant]), held: []),
        // Environments follow the projects' rules.
        Case(label: "environment: READ_OBJECTS gives READ", facts: .init(target: .environment, folderEntries: [.readObjects: .grant]), held: [.read]),
        Case(
            label: "environment: its deny wins",
            facts: .init(target: .environment, objectEntries: [.modify: .deny], folderRoles: [.writer]), held: [.read, .execute]),
        // Packages: the project's permissions, or the package's roles.
        Case(label: "package: nothing held", facts: .init(target: .package), held: []),
        Case(label: "package: reader role", facts: .init(target: .package, packageRoles: [.reader]), held: [.read, .execute]),
        Case(label: "package: writer role", facts: .init(target: .package, packageRoles: [.writer]), held: [.read, .execute, .modify]),
        Case(label: "package: READ on its project", facts: .init(target: .package, objectEntries: [.read: .grant]), held: [.read]),
        Case(label: "package: MODIFY on its project", facts: .init(target: .package, objectEntries: [.modify: .grant]), held: [.modify]),
        Case(label: "package: READ_OBJECTS on its folder", facts: .init(target: .package, folderEntries: [.readObjects: .grant]), held: [.read]),
        Case(
            label: "package: MANAGE_PERMISSIONS on its project", facts: .init(target: .package, objectEntries: [.managePermissions: .grant]),
            held: [.managePermissions]),
        Case(
            label: "package: a project deny of READ wins over the reader role",
            facts: .init(target: .package, objectEntries: [.read: .deny], packageRoles: [.reader]), held: [.execute]),
        Case(
            label: "package: a folder deny of MODIFY_OBJECTS wins over the writer role",
            facts: .init(target: .package, folderEntries: [.modifyObjects: .deny], packageRoles: [.writer]), held: [.read, .execute]),
        Case(label: "package: a folder role reaches its packages", facts: .init(target: .package, folderRoles: [.reader]), held: [.read, .execute]),
        // Administrators hold everything an object takes.
        Case(label: "administrator on a folder", facts: .init(target: .folder, isAdministrator: true, folderEntries: [.read: .deny]), held: Set(CatalogPermission.allCases)),
        Case(
            label: "administrator on a project", facts: .init(target: .project, isAdministrator: true),
            held: Set(CatalogPermission.objectPermissions)),
        Case(
            label: "administrator on a package", facts: .init(target: .package, isAdministrator: true),
            held: Set(CatalogPermission.objectPermissions)),
    ]

    @Test(arguments: cases) func theRulesGiveWhatTheTableSays(_ test: Case) {
        #expect(CatalogAccessRules.held(test.facts) == test.held, "\(test.label)")
    }

    @Test func everyObjectPermissionHasTheFolderLevelOneThatGivesIt() {
        #expect(CatalogPermission.objectPermissions.map(\.folderLevel) == [.readObjects, .modifyObjects, .executeObjects, .manageObjectPermissions])
        #expect(CatalogPermission.createObjects.folderLevel == nil && CatalogPermission.readObjects.folderLevel == nil)
    }
}
