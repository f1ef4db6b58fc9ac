/// The enumerator of a Foreach Loop made by a component (`"enumerator": {"plugin": …}` in a
/// package): the registry makes one per loop execution, the runtime drives it.
///
/// ```swift
/// final class Countdown: ForeachEnumeratorComponent {
///     private var left = 3
///     func validate(in context: any TaskContext) throws {}
///     func begin(in context: any TaskContext) throws { left = 3 }
///     func next(in context: any TaskContext, capacity: Int) throws -> [Value]? {
///         guard left > 0 else { return nil }
///         left -= 1
///         return [.int(Int64(left))]
///     }
///     func end() {}
/// }
/// ```
/// `begin`, then `next` until it returns nil, then `end`, all on the loop's thread; `end` also
/// follows a `begin` whose loop stopped early.
public protocol ForeachEnumeratorComponent: AnyObject, Sendable {
    /// Checks the configuration (at validation, and before `begin`).
    func validate(in context: any TaskContext) throws
    func begin(in context: any TaskContext) throws
    /// The next item's values, at most `capacity` of them (the loop's mapped indexes), or nil
    /// after the last item.
    func next(in context: any TaskContext, capacity: Int) throws -> [Value]?
    func end()
}
