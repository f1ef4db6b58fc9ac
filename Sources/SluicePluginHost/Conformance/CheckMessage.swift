import Foundation

/// One line of the check process's report to its parent, as JSON.
///
/// The child announces each component and each step before it calls into the plugin, so when
/// it dies (a signal, `exit`, a hang the parent kills) the parent knows whom to blame and where
/// to resume: at the next component, in a fresh process.
enum CheckMessage: Codable, Equatable {
    /// The library loaded; these are its components, in descriptor order.
    case components([String])
    /// Component `index` of the library is being checked from here.
    case component(index: Int, id: String)
    /// About to make the call (or calls) named `step`.
    case step(String)
    case breach(ConformanceBreach)
    case note(ConformanceNote)
    /// `count` more rules were checked.
    case checked(count: Int)
    /// Every component from the start index on was checked: a clean end.
    case done

    func encodedLine() -> Data {
        var data = (try? JSONEncoder().encode(self)) ?? Data()
        data.append(0x0A)
        return data
    }

    static func decode(line: Data) -> CheckMessage? { try? JSONDecoder().decode(CheckMessage.self, from: line) }
}
