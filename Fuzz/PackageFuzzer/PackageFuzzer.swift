// libFuzzer entry point for the package loader: PackageFile.decode, save and reload, and the
// runtime's validation of what loads.
//
// Built and run by `scripts/fuzz.sh packages` (swiftc -sanitize=fuzzer[,address]) with
// SluiceCore, SluiceExpressions, SluiceRegistry, SluiceRuntime and SluiceComponents; not part of
// Package.swift. The invariants are in Tests/SluiceRuntimeTests/PackageFuzzCheck.swift, which
// the script compiles in beside this file, and which PackageFuzzRegressionTests replays on
// every input kept in Tests/Regressions/packages/. A broken invariant prints the reason and
// aborts, so libFuzzer saves the input.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let problems = PackageFuzzCheck.check(bytes)
    guard problems.isEmpty else {
        let input = String(decoding: bytes.prefix(2_000), as: UTF8.self)
        FileHandle.standardError.write(Data("package-fuzzer: invariant broken:\n\(problems.joined(separator: "\n"))\ninput: \(input.debugDescription)\n".utf8))
        abort()
    }
    return 0
}
