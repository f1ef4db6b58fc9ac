import Foundation
import Testing

@testable import SluicePluginHost

/// The scanner child runs without Swift's crash backtracer: a crashing library is reported at
/// once instead of after the backtracer's ~3 s (as long as a short scan timeout, which turned
/// crashes into timeouts on a loaded machine). The rest of the host's environment is kept.
@Suite struct ScannerEnvironmentTests {
    @Test func theChildGetsTheHostsEnvironmentWithTheBacktracerOff() {
        setenv("SWIFT_BACKTRACE", "enable=yes,interactive=no", 1)
        setenv("SLUICE_SCANNER_ENV_PROBE", "kept", 1)
        defer {
            unsetenv("SWIFT_BACKTRACE")
            unsetenv("SLUICE_SCANNER_ENV_PROBE")
        }
        let environment = ScannerProcess.childEnvironment
        #expect(environment.filter { $0.hasPrefix("SWIFT_BACKTRACE=") } == ["SWIFT_BACKTRACE=enable=no"])
        #expect(environment.contains("SLUICE_SCANNER_ENV_PROBE=kept"))
    }
}
