// SluiceSDK: write Sluice plugins in Swift with protocols instead of raw pointers.
//
// A plugin library is a `.dynamic` SwiftPM product that depends on `SluiceSDK` and exports one
// C symbol, `sluice_plugin_entry`, returning the descriptor of a `PluginDefinition`:
//
//     import SluiceSDK
//
//     final class HelloTask: PluginTask { … }                       // see PluginTask.swift
//
//     private let plugin = PluginDefinition(
//         name: "acme.hello", version: "1.0.0", vendor: "Acme", description: "Says hello.",
//         components: [HelloTask.self])
//
//     @_cdecl("sluice_plugin_entry")
//     public func sluicePluginEntry() -> UnsafeRawPointer? { plugin.descriptorPointer }
//
// Map of the module:
//   PluginComponent(+Defaults)        what every kind shares: id, properties, setProperty, validate
//   PluginTask                        a control flow task
//   PluginForeachEnumerator           a Foreach Loop enumerator (begin, next until nil, end)
//   PluginLogProvider, PluginLogEntry a log provider (open, write each entry, close)
//   PluginConnectionManager           a connection manager (acquire / release an object)
//   PluginValue, PluginProperty(Type) values and property declarations
//   PluginContext, PluginLogLevel     host services during validate / execute
//   PluginError                       thrown errors -> sluice_status + sluice_error message
//   PluginDefinition                  the never-freed sluice_plugin_descriptor
//   Internal/                         the C trampolines (@convention(c), no captures) and buffers
//
// Only C types cross the plugin boundary: the host never sees a Swift type from this module.
