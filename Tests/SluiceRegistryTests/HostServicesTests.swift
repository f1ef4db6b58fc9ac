import CSluiceABI
import Foundation
import SluiceCore
@testable import SluicePluginHost
@testable import SluiceRegistry
import Testing

/// Host services a plugin calls must not be able to hurt the host (issue 7, row 3).
@Suite struct HostServicesTests {
    let table = HostServices.table.pointee

    @Test func allocateGivesNullForSizesThatCannotBeHadInsteadOfTrapping() {
        #expect(table.allocate(UInt64.max) == nil)
        #expect(table.allocate(UInt64(Int.max) + 1) == nil)
    }

    @Test func allocateOfZeroGivesAUniquePointerAndEveryBlockIsAlignedTo16() throws {
        let a = try #require(table.allocate(0))
        let b = try #require(table.allocate(0))
        #expect(a != b)
        for size in [1, 3, 16, 1000] as [UInt64] {
            let p = try #require(table.allocate(size))
            #expect(UInt(bitPattern: p) % 16 == 0)
            table.deallocate(p)
        }
        table.deallocate(a)
        table.deallocate(b)
        table.deallocate(nil)  // a no-op, as free(NULL)
    }

    /// Holds every variable as one string value and records the events a plugin raises.
    final class Recorder: TaskContext, @unchecked Sendable {
        let value: String
        var events: [TaskEvent] = []
        init(variablesHold value: String = "") { self.value = value }
        var executableName: String { "Probe" }
        var isCanceled: Bool { false }
        func variable(_ name: String) throws -> TypedValue { TypedValue(.wstr, .string(value)) }
        func setVariable(_ name: String, to value: Value) throws {}
        func parameter(_ name: String) throws -> TypedValue { throw SluiceError(.parameterNotFound, ["name": name]) }
        func connection(named name: String) throws -> ConnectionManager { throw SluiceError(.connectionNotFound, ["name": name]) }
        func raise(_ event: TaskEvent) { events.append(event) }
    }

    @Test func eventMessagesAreCappedAndReadNoFurtherThanTheCap() throws {
        let limit = Int(SLUICE_EVENT_MESSAGE_MAX)
        // Exactly limit + 1 bytes and no NUL: reading past them would run off the buffer.
        var bytes = [CChar](repeating: CChar(UInt8(ascii: "a")), count: limit + 1)
        // A two-byte character straddling the cut: it must not come out as half a character.
        bytes[limit - 1] = CChar(bitPattern: 0xC3)
        bytes[limit] = CChar(bitPattern: 0xA9)
        let recorder = Recorder()
        let call = CallContext(recorder)
        bytes.withUnsafeBufferPointer { buffer in
            call.withPointer { ctx in table.fire_information(ctx, 0, buffer.baseAddress) }
        }
        guard case .information(_, let message) = try #require(recorder.events.first) else {
            Issue.record("expected an information event")
            return
        }
        #expect(message.hasSuffix("… [truncated]"))
        let kept = message.dropLast("… [truncated]".count)
        #expect(kept.utf8.count == limit - 1 && kept.allSatisfy { $0 == "a" })

        recorder.events = []
        call.withPointer { ctx in table.fire_warning(ctx, 7, "short") }
        guard case .warning(let code, let short) = try #require(recorder.events.first) else {
            Issue.record("expected a warning event")
            return
        }
        #expect(code == 7 && short == "short")
    }

    @Test func aStringWithANulInsideIsHandedOutWholeWithItsLength() throws {
        let call = CallContext(Recorder(variablesHold: "AB\u{0}CD"))
        var out = sluice_value()
        var err = sluice_error()
        let status = call.withPointer { ctx in table.variable_get(ctx, "User::S", &out, &err) }
        #expect(status == SLUICE_OK)
        #expect(out.kind == SLUICE_VALUE_STRING)
        #expect(out.as.string.length == 5)
        let data = try #require(out.as.string.data)
        let bytes = (0...5).map { UInt8(bitPattern: data[$0]) }
        #expect(bytes == [65, 66, 0, 67, 68, 0], "every byte, then a terminating NUL")
    }

    @Test func theHostTableGrowsOnlyAtItsEnd() {
        let pointer = MemoryLayout<UnsafeRawPointer>.size
        #expect(HostABI.hostTableSize1_0 == 16 + 12 * pointer, "ABI 1.0's members keep their places")
        #expect(Int(table.struct_size) >= HostABI.hostTableSize1_0 + pointer, "connection_acquire (1.1) is inside struct_size")
        #expect(table.connection_acquire != nil)
    }

    /// Hands out one connection, made by the library at `owner` (nil: a built-in kind).
    final class OneConnection: TaskContext, @unchecked Sendable {
        nonisolated(unsafe) static let token = UnsafeMutableRawPointer(bitPattern: 0xC0FFEE)!
        let owner: String?
        init(madeBy owner: String?) { self.owner = owner }
        var executableName: String { "Probe" }
        var isCanceled: Bool { false }
        func variable(_ name: String) throws -> TypedValue { throw SluiceError(.variableNotFound, ["name": name, "container": "Probe"]) }
        func setVariable(_ name: String, to value: Value) throws {}
        func parameter(_ name: String) throws -> TypedValue { throw SluiceError(.parameterNotFound, ["name": name]) }
        func connection(named name: String) throws -> ConnectionManager {
            guard name == "Db" else { throw SluiceError(.connectionNotFound, ["name": name]) }
            return ConnectionManager("Db", kind: "acme.db", connectionString: "db://x")
        }
        func acquireConnection(named name: String, for library: String?) throws -> AcquiredConnection {
            AcquiredConnection(connectionString: try connection(named: name).connectionString, handle: owner == nil ? nil : Self.token, library: owner)
        }
        func raise(_ event: TaskEvent) {}
    }

    /// Calls connection_acquire for `name` as code of `library`; the outputs start as sentinels.
    private func acquire(_ name: String, from library: String?, in context: OneConnection)
        -> (sluice_status, UnsafeMutableRawPointer?, String?, String)
    {
        let sentinel = UnsafeMutableRawPointer(bitPattern: 0x5EED)
        var handle = sentinel
        var string: UnsafePointer<CChar>? = nil
        var err = sluice_error()
        let call = CallContext(context, library: library)
        let status = call.withPointer { ctx in table.connection_acquire(ctx, name, &handle, &string, &err) }
        let message = withUnsafeBytes(of: err.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return (status, handle == sentinel ? sentinel : handle, string.map { String(cString: $0) }, message)
    }

    @Test func connectionAcquireHandsTheOwningLibraryItsHandleAndTheString() {
        let (status, handle, string, _) = acquire("Db", from: "/lib/acme.so", in: OneConnection(madeBy: "/lib/acme.so"))
        #expect(status == SLUICE_OK)
        #expect(handle == OneConnection.token)
        #expect(string == "db://x")
    }

    @Test func connectionAcquireOfABuiltInKindGivesNoHandle() {
        let (status, handle, string, _) = acquire("Db", from: "/lib/acme.so", in: OneConnection(madeBy: nil))
        #expect(status == SLUICE_OK)
        #expect(handle == nil)
        #expect(string == "db://x")
    }

    @Test func connectionAcquireRefusesAnotherLibrarysHandleAndSetsNothing() {
        let (status, handle, string, message) = acquire("Db", from: "/lib/other.so", in: OneConnection(madeBy: "/lib/acme.so"))
        #expect(status == SLUICE_E_TYPE_MISMATCH)
        #expect(handle == UnsafeMutableRawPointer(bitPattern: 0x5EED), "the handle is not handed out")
        #expect(string == nil)
        #expect(message.contains("SLUICE_E_CONNECTION_FOREIGN") && message.contains("/lib/acme.so"), "\(message)")
    }

    @Test func connectionAcquireOfAnUnknownNameIsNotFound() {
        let (status, _, string, _) = acquire("Nope", from: "/lib/acme.so", in: OneConnection(madeBy: "/lib/acme.so"))
        #expect(status == SLUICE_E_NOT_FOUND)
        #expect(string == nil)
    }
}
