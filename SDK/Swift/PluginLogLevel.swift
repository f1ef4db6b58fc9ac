import CSluiceABI

/// The level of a line written with ``PluginContext/log(_:level:)`` (`SLUICE_LOG_*`).
///
/// ```swift
/// context.log("opened \(path)", level: .debug)
/// ```
public enum PluginLogLevel: Hashable, Sendable, CaseIterable {
    /// `SLUICE_LOG_DEBUG`: detail for whoever debugs the plugin.
    case debug
    /// `SLUICE_LOG_INFO`: normal progress.
    case info
    /// `SLUICE_LOG_WARNING`: something looks wrong but the work goes on.
    case warning
    /// `SLUICE_LOG_ERROR`: something failed.
    case error

    /// The `SLUICE_LOG_*` constant.
    var cLevel: Int32 {
        switch self {
        case .debug: return SLUICE_LOG_DEBUG
        case .info: return SLUICE_LOG_INFO
        case .warning: return SLUICE_LOG_WARNING
        case .error: return SLUICE_LOG_ERROR
        }
    }
}
