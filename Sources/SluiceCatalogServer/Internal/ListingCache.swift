import Synchronization

/// Lists the server has built, kept while the catalog's change counter
/// (``CatalogStore/generation()``) stays where it was when they were built.
///
/// A list answer costs the store's rows, the caller's access check on each and a sort; the
/// same folder is asked for again and again (dashboards, scripts polling, every page of a
/// walk), and between two changes the answer is the same. The counter is read before the
/// rows, so an entry is never newer than its key says: a change that commits meanwhile only
/// makes the next request miss. Bounded: past `capacity` entries, all are dropped.
final class ListingCache<Value: Sendable>: Sendable {
    /// What one list is of, as one caller sees it.
    struct Key: Hashable, Sendable {
        /// nil for administrators, who all see everything; a user's name otherwise.
        var viewer: String?
        /// The list's filters (a folder, a project…), as the request gave them.
        var scope: [String?]
    }

    private struct State {
        var generation: Int64 = .min
        var entries: [Key: Value] = [:]
    }

    private let state = Mutex(State())
    let capacity: Int

    init(capacity: Int = 64) { self.capacity = capacity }

    /// The list for `key` at `generation`, made by `make` when it is not kept.
    func value(at generation: Int64, for key: Key, make: () async throws -> Value) async throws -> Value {
        if let kept = kept(at: generation, for: key) { return kept }
        let made = try await make()
        keep(made, at: generation, for: key)
        return made
    }

    /// What is kept for `key`, when it was made at `generation`.
    func kept(at generation: Int64, for key: Key) -> Value? {
        state.withLock { $0.generation == generation ? $0.entries[key] : nil }
    }

    /// Keeps `value`, made after the counter read `generation`.
    func keep(_ value: Value, at generation: Int64, for key: Key) {
        state.withLock { state in
            // An older counter than the kept one: a request that started before a change; its
            // list is right for it, but not for later requests.
            guard generation >= state.generation else { return }
            if generation > state.generation || state.entries.count >= capacity {
                state.entries.removeAll(keepingCapacity: true)
                state.generation = generation
            }
            state.entries[key] = value
        }
    }
}
