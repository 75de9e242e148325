/// A min-heap of delayed responses, ordered by the time they are due.
///
/// Only responses with `HTTPResponse.delay` go here; the event loop sleeps until the earliest entry is due. Entries
/// name their connection by fd and id, so a connection that closed meanwhile is simply skipped.
struct DelayedResponseQueue {
    /// One scheduled response.
    struct Entry {
        var deadline: Int64
        var fd: Int32
        var connectionID: UInt32
    }

    private var heap: [Entry] = []

    /// Whether nothing is scheduled.
    var isEmpty: Bool { heap.isEmpty }

    /// When the earliest entry is due, or `nil`.
    var nextDeadline: Int64? { heap.first?.deadline }

    /// Schedules an entry.
    mutating func insert(_ entry: Entry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child].deadline < heap[parent].deadline else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(at now: Int64) -> Entry? {
        guard let first = heap.first, first.deadline <= now else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return first }
        heap[0] = last
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count && heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count && heap[right].deadline < heap[smallest].deadline { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return first
    }
}
