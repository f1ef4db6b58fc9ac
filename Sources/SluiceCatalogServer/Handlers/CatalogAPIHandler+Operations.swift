import Foundation
import SluiceCatalog
import SluiceCatalogAPI
import SluiceCore

// The operations log (SSISDB catalog.operations). Administrators see every entry; anyone else
// their own, and those on objects they may READ now. Store ids are numbers; the API's are UUIDs
// that carry the number (``OperationID``).
extension CatalogAPIHandler {
    func listOperations(_ input: Operations.ListOperations.Input) async throws -> Operations.ListOperations.Output {
        let caller = try caller("listOperations")
        let query = input.query
        // Filters are names: one the rules refuse is a bad request, as the document says (the
        // log is searched as text, so nothing else would refuse it).
        if let folder = query.folder { _ = try CatalogName(folder, kind: .folder) }
        if let user = query.caller { _ = try CatalogName(user, kind: .user) }
        var filter = CatalogOperationFilter(caller: query.caller, since: query.since, until: query.until)
        if let outcome = query.outcome { filter.outcome = outcome == .failed ? .failed : .succeeded }
        if let type = query.objectType { filter.objectType = CatalogOperation.ObjectType(rawValue: type.rawValue) }
        var entries = try await store.operations(filter)
        if let kind = query.kind { entries = entries.filter { Self.operationKind($0) == kind } }
        if let folder = query.folder { entries = entries.filter { Self.isInFolder($0, folder) } }
        let visible = try await visibleOperations(entries, to: caller)
        let page = try Page(visible, key: { Self.newestFirstNumberKey($0.id) }, limit: query.limit, after: query.after)
        return .ok(.init(body: .json(.init(items: page.items.map(Self.operation), next: page.next))))
    }

    /// One the caller may not see answers exactly as an absent one.
    func getOperation(_ input: Operations.GetOperation.Input) async throws -> Operations.GetOperation.Output {
        let caller = try caller("getOperation")
        let notFound = SluiceError(.catalogServerOperationNotFound, ["operation": String(input.path.operationId.prefix(64))])
        guard let id = OperationID.number(input.path.operationId) else { throw notFound }
        // The filter has no id, but ids grow: the wanted entry is among the newest
        // (newest id - id + 1), so only those are read, not the whole log.
        guard let newest = try await store.operations(CatalogOperationFilter(limit: 1)).first?.id, id >= 0, id <= newest else { throw notFound }
        let span = newest - id  // 0...Int64.max: cannot overflow, nor can the +1 below it
        let window = CatalogOperationFilter(limit: span == Int64.max ? Int.max : Int(clamping: span + 1))
        guard let entry = try await store.operations(window).first(where: { $0.id == id }),
            !(try await visibleOperations([entry], to: caller).isEmpty)
        else { throw notFound }
        return .ok(.init(body: .json(Self.operation(entry))))
    }

    // MARK: Helpers

    /// The caller's own entries, and those on an object the caller may READ (in one bounded
    /// query per page of objects); user and token entries only when the caller made them.
    func visibleOperations(_ entries: [CatalogOperation], to caller: CatalogCaller) async throws -> [CatalogOperation] {
        if caller.isAdministrator { return entries }
        let objects = Array(Set(entries.compactMap { CatalogAccess.sameName($0.caller, caller.user) ? nil : Self.securable($0) }))
        var readable = Set<CatalogSecurable>()
        var start = objects.startIndex
        while start < objects.endIndex {
            let end = objects.index(start, offsetBy: 500, limitedBy: objects.endIndex) ?? objects.endIndex
            readable.formUnion(try await store.readable(Array(objects[start..<end]), by: caller))
            start = end
        }
        return entries.filter { entry in
            if CatalogAccess.sameName(entry.caller, caller.user) { return true }
            return Self.securable(entry).map { readable.contains($0) } ?? false
        }
    }

    /// The object an entry names, as the store wrote it (`Folder/Project/Package`). A name may
    /// hold a `/` itself; such an entry is split at its first and last one and so may name
    /// another object, which then decides whether it is shown: never more than that object's READ.
    static func objectPath(_ entry: CatalogOperation) -> Components.Schemas.ObjectPath {
        let name = entry.objectName
        let first = name.firstIndex(of: "/")
        let last = name.lastIndex(of: "/")
        let head = first.map { String(name[..<$0]) } ?? name
        let tail = last.map { String(name[name.index(after: $0)...]) } ?? ""
        switch entry.objectType {
        case .folder: return .init(folder: name)
        case .project: return .init(folder: head, project: first.map { String(name[name.index(after: $0)...]) })
        case .environment: return .init(folder: head, environment: first.map { String(name[name.index(after: $0)...]) })
        case .package:
            guard let first, let last, first < last else { return .init(folder: head) }
            return .init(folder: head, project: String(name[name.index(after: first)..<last]), package: tail)
        case .user: return .init(user: name)
        case .token: return .init()
        }
    }

    static func securable(_ entry: CatalogOperation) -> CatalogSecurable? {
        let path = objectPath(entry)
        switch entry.objectType {
        case .folder: return path.folder.map { .folder($0) }
        case .project: return path.folder.flatMap { f in path.project.map { .project(folder: f, project: $0) } }
        case .environment: return path.folder.flatMap { f in path.environment.map { .environment(folder: f, environment: $0) } }
        case .package:
            return path.folder.flatMap { f in path.project.flatMap { p in path.package.map { .package(folder: f, project: p, package: $0) } } }
        case .user, .token: return nil
        }
    }

    static func isInFolder(_ entry: CatalogOperation, _ folder: String) -> Bool {
        guard [.folder, .project, .package, .environment].contains(entry.objectType), let own = objectPath(entry).folder else { return false }
        return CatalogAccess.sameName(own, folder)
    }

    static func operation(_ entry: CatalogOperation) -> Components.Schemas.Operation {
        var error: Components.Schemas.ProblemItem?
        if entry.outcome == .failed {
            let code = entry.errorCode ?? SluiceMessage.catalogServerInternal.code
            let name = MessageCatalog.lookup(String(code))?.name ?? SluiceMessage.catalogServerInternal.name
            error = .init(code: Int(code), name: name, message: entry.detail)
        }
        return .init(
            id: OperationID.uuid(entry.id), kind: operationKind(entry), objectType: Components.Schemas.ObjectType(rawValue: entry.objectType.rawValue) ?? .folder,
            object: objectPath(entry), caller: entry.caller, startedAt: entry.time, endedAt: entry.time,
            outcome: entry.outcome == .failed ? .failed : .succeeded, error: error)
    }
}
