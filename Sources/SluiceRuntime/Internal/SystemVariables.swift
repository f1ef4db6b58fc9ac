import Foundation
import SluiceCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `System` variables of a run, with the names, types and values Microsoft's "System
/// Variables" page gives them (learn.microsoft.com/sql/integration-services/system-variables).
/// docs/system-variables.md lists them with Sluice's values.
enum SystemVariables {
    /// en-US, SSIS's default `LocaleID`.
    static let defaultLocaleID: Int64 = 1033

    /// DT_DATE's zero, 1899-12-30 00:00: what SSIS shows for a date that was never set.
    static let zeroDate = Date(timeIntervalSince1970: -2_209_161_600)

    /// An id as SSIS's string system variables write it: `{6F9619FF-8B86-D011-B42D-00C04FC964FF}`, uppercase, in
    /// braces, so that `"run " + @[System::ExecutionInstanceGUID]` and `LEN(…)` (38) work.
    static func guidText(_ id: UUID) -> String { "{\(id.uuidString.uppercased())}" }

    /// A UUID made from `text` alone (two FNV-1a hashes, version bits 8): stable across runs.
    static func nameBasedID(_ text: String) -> UUID {
        var a: UInt64 = 0xcbf2_9ce4_8422_2325
        var b: UInt64 = 0x6c62_272e_07bb_0142
        for byte in text.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            b = (b ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 &+ 0x9e37_79b9
        }
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: a >> (8 * i))
            bytes[8 + i] = UInt8(truncatingIfNeeded: b >> (8 * i))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x80  // version 8: custom
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // RFC 4122 variant
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }

    /// The variables of the package's own scope ("System Variables for Packages").
    /// `ContainerStartTime` is not here: every executable has its own (``ExecutableNode``).
    static func package(_ package: Package, executionID: UUID, startTime: Date) -> [(String, DataType, Value)] {
        let m = package.metadata
        return [
            ("CancelEvent", .i4, .int(0)),  // a Windows event handle; Sluice has none to give
            ("CreationDate", .date, .date(m.creationDate ?? zeroDate)),
            ("CreatorComputerName", .wstr, .string(m.creatorComputerName)),
            ("CreatorName", .wstr, .string(m.creatorName)),
            ("ExecutionInstanceGUID", .wstr, .string(guidText(executionID))),
            ("FailedConfigurations", .wstr, .string("")),
            ("IgnoreConfigurationsOnLoad", .bool, .bool(false)),
            ("InteractiveMode", .bool, .bool(false)),  // false under dtexec, as under sluice run
            ("LocaleID", .i4, .int(Int64(package.locale.id))),
            ("MachineName", .wstr, .string(machineName())),
            ("OfflineMode", .bool, .bool(false)),
            ("PackageID", .wstr, .string(guidText(package.id))),
            ("PackageName", .wstr, .string(package.name)),
            ("ServerExecutionID", .i8, .int(0)),  // 0 unless run by a catalog server
            ("StartTime", .date, .date(startTime)),
            ("UserName", .wstr, .string(userName())),
            ("VersionBuild", .i4, .int(Int64(m.versionBuild))),
            ("VersionComment", .wstr, .string(m.versionComment)),
            ("VersionGUID", .wstr, .string(guidText(m.versionID ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))))),
            ("VersionMajor", .i4, .int(Int64(m.versionMajor))),
            ("VersionMinor", .i4, .int(Int64(m.versionMinor))),
        ]
    }

    /// One variable of an event handler's scope: set by the runtime for each event, and
    /// read-only except where the handler may answer (`Propagate`, `Cancel`).
    struct HandlerVariable {
        let name: String
        let type: DataType
        let initial: Value
        let writable: Bool
    }

    /// The variables an event handler for `kind` has ("System Variables for Event Handlers":
    /// not every handler has every variable). Every handler also keeps ErrorCode and
    /// ErrorDescription, which Sluice gave all of them before, so packages that read them stay valid.
    static func handler(_ kind: EventKind) -> [HandlerVariable] {
        var list: [HandlerVariable] = [
            HandlerVariable(name: "Propagate", type: .bool, initial: .bool(true), writable: true),
            HandlerVariable(name: "SourceName", type: .wstr, initial: .string(""), writable: false),
            HandlerVariable(name: "SourceID", type: .wstr, initial: .string(""), writable: false),
            HandlerVariable(name: "SourceDescription", type: .wstr, initial: .string(""), writable: false),
            HandlerVariable(name: "ErrorCode", type: .i4, initial: .int(0), writable: false),
            HandlerVariable(name: "SluiceErrorCode", type: .i4, initial: .int(0), writable: false),
            HandlerVariable(name: "ErrorDescription", type: .wstr, initial: .string(""), writable: false),
        ]
        switch kind {
        case .error, .warning, .queryCancel:
            list.append(HandlerVariable(name: "Cancel", type: .bool, initial: .bool(false), writable: true))
        case .progress:
            list += [
                HandlerVariable(name: "PercentComplete", type: .i4, initial: .int(0), writable: false),
                HandlerVariable(name: "ProgressCountLow", type: .i4, initial: .int(0), writable: false),
                HandlerVariable(name: "ProgressCountHigh", type: .i4, initial: .int(0), writable: false),
                HandlerVariable(name: "ProgressDescription", type: .wstr, initial: .string(""), writable: false),
            ]
        case .taskFailed:
            // SSIS types it DBNull: the value of a task that failed is never there.
            list.append(HandlerVariable(name: "ExecutionValue", type: .object, initial: .null, writable: false))
        case .variableValueChanged:
            list += [
                HandlerVariable(name: "VariableID", type: .wstr, initial: .string(""), writable: false),
                HandlerVariable(name: "VariableDescription", type: .wstr, initial: .string(""), writable: false),
            ]
        case .execStatusChanged:
            // DTSExecStatus as an Int32: 3 Executing, 5 Completed (``ExecutionStatus``).
            list.append(HandlerVariable(name: "ExecutionStatus", type: .i4, initial: .int(Int64(ExecutionStatus.none.rawValue)), writable: false))
        default:
            break
        }
        return list
    }

    /// `System::ErrorCode` as SSIS reports it: an HRESULT-shaped Int32 whose severity bits say
    /// error (0xC…, negative), warning (0x8…, negative) or information (0x4…), with Sluice's
    /// code in the low 16 bits: SLUICE_E 20004 in OnError is 0xC0004E24 = -1073721820.
    /// Code 0 (no code) stays 0. Sluice's own code is `System::SluiceErrorCode`.
    static func ssisErrorCode(kind: EventKind, code: Int32) -> Int32 {
        guard code != 0 else { return 0 }
        let low = UInt32(bitPattern: code) & 0xFFFF
        let severity: UInt32 =
            switch kind {
            case .error, .taskFailed, .queryCancel: 0xC000_0000
            case .warning: 0x8000_0000
            default: 0x4000_0000
            }
        return Int32(bitPattern: severity | low)
    }

    /// The account that started the run, from the account database (getpwuid_r), not `$USER`,
    /// which cron and `env -i` leave unset. A uid with no entry gives its number.
    static func userName() -> String {
        let uid = getuid()
        var entry = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        // pw_name points into `buffer`: copied before the buffer's pointer goes out of scope.
        let name: String? = buffer.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress, getpwuid_r(uid, &entry, base, b.count, &result) == 0, result != nil,
                let name = entry.pw_name
            else { return nil }
            return String(cString: name)
        }
        return name ?? String(uid)
    }

    /// The host's name from gethostname(2): no lookup in DNS, as SSIS's NetBIOS name.
    static func machineName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let ok = buffer.withUnsafeMutableBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            return gethostname(base, b.count - 1) == 0
        }
        guard ok else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
