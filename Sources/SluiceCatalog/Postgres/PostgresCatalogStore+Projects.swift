import Foundation
import PostgresNIO
import SluiceCore

extension PostgresCatalogStore {
    public func projects(inFolder folder: String) async throws -> [CatalogProject] {
        try await read("list projects") { tx in
            let (folderID, _) = try await Self.folderRow(tx, folder)
            return try await Self.projects(tx, "p.folder_id = $1", [folderID])
        }
    }

    public func project(_ project: String, inFolder folder: String) async throws -> CatalogProject? {
        let name = try CatalogName(project, kind: .project)
        return try await read("read project") { tx in
            let (folderID, _) = try await Self.folderRow(tx, folder)
            return try await Self.projects(tx, "p.folder_id = $1 AND p.name_key = $2", [folderID, name.key]).first
        }
    }

    public func projectVersions(of project: String, inFolder folder: String) async throws -> [CatalogProjectVersion] {
        try await read("list project versions") { tx in
            let row = try await Self.projectRow(tx, folder, project)
            return try await Self.versions(tx, "v.project_id = $1", [row.id])
        }
    }

    public func restoreProject(_ project: String, inFolder folder: String, version: Int64, by caller: String) async throws {
        try await change(.restoreProject, .project, folder + "/" + project, by: caller) { tx in
            let row = try await Self.projectRow(tx, folder, project)
            guard try await tx.first("SELECT 1 FROM project_version WHERE id = \(version) AND project_id = \(row.id)") != nil else {
                throw SluiceError(.catalogVersionNotFound, ["folder": row.folder, "project": row.name, "version": String(version)])
            }
            if version != row.currentVersion {
                try await tx.execute("UPDATE project SET current_version = \(version) WHERE id = \(row.id)")
                try await tx.execute("UPDATE project_version SET restored_at = \(Date()) WHERE id = \(version)")
            }
            return ((), "version \(version) restored; version \(row.currentVersion) was current")
        }
    }

    public func moveProject(_ project: String, from folder: String, to newFolder: String, by caller: String) async throws {
        try await change(.moveProject, .project, folder + "/" + project, by: caller) { tx in
            let row = try await Self.projectRow(tx, folder, project)
            let (targetID, target) = try await Self.folderRow(tx, newFolder)
            if let existing = try await tx.first(
                "SELECT id, name FROM project WHERE folder_id = \(targetID) AND name_key = \(CatalogName.key(row.name))"),
                try existing("id", Int64.self) != row.id
            {
                throw SluiceError(.catalogProjectExists, ["folder": target, "existing": try existing("name", String.self)])
            }
            try await tx.execute("UPDATE project SET folder_id = \(targetID) WHERE id = \(row.id)")
            return ((), "moved to folder \"\(target)\"")
        }
    }

    public func exportProject(_ project: String, inFolder folder: String, version: Int64?) async throws -> [UInt8] {
        try await read("export project") { tx in
            let row = try await Self.projectRow(tx, folder, project)
            let number = version ?? row.currentVersion
            guard let data = try await tx.value(
                "SELECT archive FROM project_version WHERE id = \(number) AND project_id = \(row.id)", as: ByteBuffer.self)
            else {
                throw SluiceError(.catalogVersionNotFound, ["folder": row.folder, "project": row.name, "version": String(number)])
            }
            return Array(data.readableBytesView)
        }
    }

    public func deleteProject(_ project: String, inFolder folder: String, by caller: String) async throws {
        try await change(.deleteProject, .project, folder + "/" + project, by: caller) { tx in
            let row = try await Self.projectRow(tx, folder, project)
            let count = try await tx.value("SELECT count(*) FROM project_version WHERE project_id = \(row.id)", as: Int.self) ?? 0
            try await tx.execute("DELETE FROM project WHERE id = \(row.id)")
            return ((), "deleted with \(count) version(s)")
        }
    }
}
